string[] colors = { "red", "orange", "yellow", "green", "blue", "purple" };
int i = 0;
Every(150, () => { Led.Color(colors[i % colors.Length]); i++; });
Every(1000, () => Sound.Tone(Random(300, 900), 100));
