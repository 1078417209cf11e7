double money = 100;
for (int year = 1; year <= 10; year++)
{
    money = money * 1.05;
    Console.WriteLine("year " + year + ": " + money);
}
