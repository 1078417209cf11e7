When(() => Robot.Distance < 12, () => { Broadcast("near"); Wait(200); });
OnMessage("near", () => { Robot.Stop(); Sound.Tone(500, 50); });
Robot.Forward(30);
