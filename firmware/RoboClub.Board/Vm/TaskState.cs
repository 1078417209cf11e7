namespace RoboClub.Board.Vm
{
    public static class TaskState
    {
        public const int Idle = 0;     // not started, or finished and ready to start again
        public const int Ready = 1;    // runnable
        public const int Waiting = 2;  // in Wait until WakeAt
        public const int Done = 3;     // reached the end of its script (or Halt)
        public const int Failed = 4;   // runtime error (ErrorCode, ErrorFunction, ErrorOffset)
    }
}
