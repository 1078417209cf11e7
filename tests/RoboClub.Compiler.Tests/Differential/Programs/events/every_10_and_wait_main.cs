int fast = 0;
Every(10, () => fast++);
for (int i = 0; i < 4; i++) { Wait(333); Console.WriteLine("fast=" + fast); }
