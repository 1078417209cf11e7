string status = "idle";
Every(700, () => Console.WriteLine("status: " + status));
OnButton(() => { status = "busy"; Wait(500); status = "idle"; });
