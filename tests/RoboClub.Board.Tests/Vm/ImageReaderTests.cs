using RoboClub.Board.Image;

namespace RoboClub.Board.Tests.Vm;

public class ImageReaderTests
{
    static byte[] Valid() => Build.Script((b, f) => f.PushString("bună ziua, ș ț ă î â").SayTop(b));

    static void Refused(byte[] image, string code)
    {
        var ex = Assert.Throws<ImageException>(() => ImageReader.Read(image));
        Assert.Equal(code, ex.Code);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void A_built_image_reads_back_with_every_part()
    {
        var image = ImageReader.Read(Valid());
        Assert.Equal(ImageFormat.Version, image.FormatVersion);
        Assert.Equal(["bună ziua, ș ț ă î â"], image.Strings);
        Assert.Equal("test.say", Assert.Single(image.Primitives).Name);
        Assert.Equal("main", Assert.Single(image.Functions).Name);
        Assert.Equal(TriggerKind.OnStart, Assert.Single(image.Scripts).Trigger);
    }

    [Fact]
    public void An_image_for_a_newer_format_is_refused_with_a_clear_status()
    {
        var b = new ImageBuilder { FormatVersion = ImageFormat.Version + 1 };
        var f = b.AddFunction("main", [], VmType.None);
        f.Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        var ex = Assert.Throws<ImageException>(() => ImageReader.Read(b.Build()));
        Assert.Equal(ImageException.NewerFormat, ex.Code);
        Assert.Contains("update this board's firmware", ex.Message);
    }

    [Fact]
    public void Damaged_truncated_foreign_and_oversized_images_are_refused()
    {
        var good = Valid();
        var damaged = (byte[])good.Clone();
        damaged[20] ^= 0x40;
        Refused(damaged, ImageException.ChecksumMismatch);
        Refused(good[..10], ImageException.Truncated);
        Refused(good[..^1], ImageException.BadLength);
        var foreign = (byte[])good.Clone();
        foreign[0] = (byte)'X';
        Refused(foreign, ImageException.BadMagic);
        Refused(new byte[ImageFormat.MaxImageSize + 1], ImageException.TooLarge);
    }

    [Fact]
    public void Counts_beyond_the_limits_are_refused_before_allocating()
    {
        var b = new ImageBuilder();
        for (int i = 0; i <= ImageFormat.MaxGlobals; i++) b.AddGlobal("g" + i, VmType.Int);
        var f = b.AddFunction("main", [], VmType.None);
        f.Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        var ex = Assert.Throws<ImageException>(() => ImageReader.Read(b.Build()));
        Assert.Equal(ImageException.LimitExceeded, ex.Code);
    }
}
