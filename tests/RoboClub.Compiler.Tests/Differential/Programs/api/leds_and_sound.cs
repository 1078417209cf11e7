Led.Color("red");
Wait(100);
Led.Rgb(0, 128, 255);
Sound.Tone(440, 200);
Wait(200);
Sound.Stop();
Led.Off();
Led.Color("verde");
