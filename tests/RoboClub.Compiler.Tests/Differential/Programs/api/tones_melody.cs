int Note(int i) => i == 0 ? 262 : i == 1 ? 294 : i == 2 ? 330 : i == 3 ? 349 : 392;
for (int i = 0; i < 5; i++) { Sound.Tone(Note(i), 120); Wait(150); }
Sound.Stop();
