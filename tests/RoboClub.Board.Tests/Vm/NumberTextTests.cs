using RoboClub.Board.Vm;

namespace RoboClub.Board.Tests.Vm;

public class NumberTextTests
{
    [Theory]
    [InlineData(0f, "0")]
    [InlineData(21.5f, "21.5")]
    [InlineData(-3.25f, "-3.25")]
    [InlineData(100f, "100")]
    [InlineData(0.1f, "0.1")]
    [InlineData(1f / 3, "0.333333")]
    [InlineData(2f / 3, "0.666667")]
    [InlineData(1013.25f, "1013.25")]
    [InlineData(123456.7f, "123457")]
    [InlineData(0.0123f, "0.0123")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void Floats_print_the_same_on_every_board(float value, string expected) =>
        Assert.Equal(expected, NumberText.Format(value));
}
