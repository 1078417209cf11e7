bool on = false;
for (int i = 0; i < 6; i++) { on = !on; Console.WriteLine(on); }
bool all = true, any = false;
for (int i = 0; i < 5; i++) { all = all && i < 4; any = any || i == 2; }
Console.WriteLine(all + " " + any);
