string Name(int n) => n switch
{
    1 => "one",
    2 => "two",
    3 => "three",
    _ => "many",
};
for (int i = 0; i < 6; i++) Console.WriteLine(Name(i));
int Points(string medal) => medal switch { "gold" => 3, "silver" => 2, "bronze" => 1, _ => 0 };
Console.WriteLine(Points("gold") + Points("bronze") + Points("tin"));
