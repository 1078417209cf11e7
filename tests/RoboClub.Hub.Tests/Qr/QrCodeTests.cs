using System.Text;
using RoboClub.Hub.Qr;

namespace RoboClub.Hub.Tests.Qr;

/// <summary>Checks against the standard's own numbers, needing no peer program.</summary>
public sealed class QrCodeTests
{
    /// <summary>ISO/IEC 18004 Annex I: "01234567" as 1-M has these data and error correction codewords.</summary>
    [Fact]
    public void Annex_I_example_codewords()
    {
        byte[] codewords = QrCodewords.Build(QrSegment.For("01234567"), 1, QrErrorCorrection.Medium);
        Assert.Equal(Convert.FromHexString("10200C566180EC11EC11EC11EC11EC11"), codewords[..16]);
        Assert.Equal(Convert.FromHexString("A524D4C1ED36C7872C55"), codewords[16..]);
    }

    [Theory]
    [InlineData(QrErrorCorrection.Low, 0b111011111000100)]      // format information for L, mask 0 (Table C.1)
    [InlineData(QrErrorCorrection.Medium, 0b101010000010010)]
    [InlineData(QrErrorCorrection.Quartile, 0b011010101011111)]
    [InlineData(QrErrorCorrection.High, 0b001011010001001)]
    public void Format_information_for_mask_0(QrErrorCorrection level, int expected) =>
        Assert.Equal(expected, QrMatrix.FormatBits(level, 0));

    /// <summary>Version 1–10 byte capacities from Table 7: the fullest text stays in the version, one byte more moves up.</summary>
    [Fact]
    public void Byte_capacity_of_versions_1_to_10_matches_the_standard()
    {
        foreach (var level in QrTestTexts.Levels)
            for (int version = 1; version <= 10; version++)
            {
                int capacity = QrTestTexts.ByteCapacity[level][version - 1];
                Assert.Equal(version, QrCode.Encode(QrTestTexts.OfUtf8Length(capacity), level).Version);
                Assert.Equal(version + 1, QrCode.Encode(QrTestTexts.OfUtf8Length(capacity + 1), level).Version);
            }
    }

    [Theory]
    [InlineData(QrErrorCorrection.Low, '7', 7089)]   // numeric, 40-L
    [InlineData(QrErrorCorrection.Low, 'A', 4296)]   // alphanumeric, 40-L
    [InlineData(QrErrorCorrection.Low, 'a', 2953)]   // byte, 40-L
    [InlineData(QrErrorCorrection.Medium, 'a', 2331)]
    [InlineData(QrErrorCorrection.Quartile, 'a', 1663)]
    [InlineData(QrErrorCorrection.High, 'a', 1273)]
    [InlineData(QrErrorCorrection.High, '7', 3057)]
    public void Largest_texts_fit_version_40_and_one_more_is_a_clear_error(QrErrorCorrection level, char c, int max)
    {
        Assert.Equal(40, QrCode.Encode(new string(c, max), level).Version);
        var error = Assert.Throws<ArgumentException>(() => QrCode.Encode(new string(c, max + 1), level));
        Assert.Equal("text", error.ParamName);
        Assert.Contains("too long for a QR code", error.Message);
        Assert.Contains(level.ToString(), error.Message);
    }

    [Fact]
    public void Too_long_counts_utf8_bytes_not_characters()
    {
        string text = new('ș', 1477); // 2954 bytes
        var error = Assert.Throws<ArgumentException>(() => QrCode.Encode(text, QrErrorCorrection.Low));
        Assert.Contains("2954 UTF-8 bytes", error.Message);
        Assert.Equal(40, QrCode.Encode(new string('ș', 1476) + "a", QrErrorCorrection.Low).Version);
    }

    [Fact]
    public void Chooses_the_most_compact_single_mode()
    {
        Assert.Equal(QrMode.Numeric, QrSegment.For("0123").Mode);
        Assert.Equal(QrMode.Alphanumeric, QrSegment.For("HTTP://192.168.1.23:5180/").Mode);
        Assert.Equal(QrMode.Byte, QrSegment.For("http://192.168.1.23:5180/").Mode);
        Assert.Equal(Encoding.UTF8.GetByteCount("ș ț"), QrSegment.For("ș ț").CharacterCount);
    }

    [Fact]
    public void Default_level_is_medium_and_mask_is_the_lowest_penalty()
    {
        QrCode qr = QrCode.Encode("http://192.168.1.23:5180/");
        Assert.Equal(QrErrorCorrection.Medium, qr.ErrorCorrection);
        Assert.Equal(2, qr.Version);
        Assert.Equal(25, qr.Size);
        int chosen = QrMasks.Penalty(Modules(qr));
        for (int m = 0; m < 8; m++)
            Assert.True(chosen <= QrMasks.Penalty(Modules(QrCode.Encode("http://192.168.1.23:5180/", QrErrorCorrection.Medium, 1, m))));
    }

    [Fact]
    public void Outside_the_symbol_reads_as_quiet_zone()
    {
        QrCode qr = QrCode.Encode("A");
        Assert.True(qr[0, 0]);            // finder corner
        Assert.False(qr[-1, 0]);
        Assert.False(qr[qr.Size, qr.Size - 1]);
    }

    [Fact]
    public void Empty_text_is_a_valid_symbol_and_null_is_not()
    {
        Assert.Equal(1, QrCode.Encode("").Version);
        Assert.Throws<ArgumentNullException>(() => QrCode.Encode(null!));
    }

    static bool[,] Modules(QrCode qr)
    {
        var m = new bool[qr.Size, qr.Size];
        for (int y = 0; y < qr.Size; y++)
            for (int x = 0; x < qr.Size; x++) m[y, x] = qr[x, y];
        return m;
    }
}
