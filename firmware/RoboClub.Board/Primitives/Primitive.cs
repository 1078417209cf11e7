using RoboClub.Board.Vm;

namespace RoboClub.Board.Primitives
{
    /// <summary>What a primitive does: pops its arguments from the task (last argument on top), pushes
    /// its result if it has one, and returns null, or a runtime error code when the hardware failed.</summary>
    public delegate string PrimitiveFunction(VmTask task);

    /// <summary>A named board function (MicroBlocks' primitives): "motors.forward", "weather.temperature"...
    /// Images refer to primitives by name; the name is bound to this object when the image is loaded.</summary>
    public sealed class Primitive
    {
        public readonly string Name;
        public readonly byte[] ParamTypes;
        public readonly byte ReturnType;
        public readonly PrimitiveFunction Invoke;

        public Primitive(string name, byte[] paramTypes, byte returnType, PrimitiveFunction invoke)
        {
            Name = name;
            ParamTypes = paramTypes;
            ReturnType = returnType;
            Invoke = invoke;
        }
    }
}
