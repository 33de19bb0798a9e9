using System.Text;
using Lint.Fixing;

namespace Lint.Tests.Fixing;

public sealed class FixApplierTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
    private static string S(byte[] b) => Encoding.UTF8.GetString(b);
    private static Fix F(params (int Start, int Length, string Text)[] edits) => new("test", edits.Select(e => new TextEdit(e.Start, e.Length, e.Text)).ToList());

    [Fact]
    public void AppliesNonOverlappingFixesAndCopiesEverythingElse()
    {
        var source = B("{\"a\": 1,\r\n \"b\": 22}");
        var result = FixApplier.Apply(source, [F((16, 2, "3")), F((6, 1, "10"))]);
        Assert.Equal("{\"a\": 10,\r\n \"b\": 3}", S(result.Result));
        Assert.Equal(2, result.Applied.Count);
        Assert.Empty(result.Deferred);
    }

    [Fact]
    public void NothingToApplyReturnsTheSameBytes()
    {
        var source = B("[1]");
        Assert.Same(source, FixApplier.Apply(source, []).Result);
    }

    [Fact]
    public void AnOverlappingFixIsDeferredAndTheFirstWins()
    {
        var source = B("abcdef");
        var first = F((1, 3, "X"));
        var second = F((2, 3, "Y"));
        var result = FixApplier.Apply(source, [first, second]);
        Assert.Equal("aXef", S(result.Result));
        Assert.Equal([first], result.Applied);
        Assert.Equal([second], result.Deferred);
    }

    [Fact]
    public void ReplacementsThatOnlyTouchAnAppliedOneApplyInTheSamePass()
    {
        // Neighbouring removals (two repeated items side by side) are well defined together: no deferral, so any
        // number of repeats is fixed in one pass.
        var source = B("abcdef");
        var first = F((1, 2, ""));
        var touching = F((3, 1, ""));
        var result = FixApplier.Apply(source, [first, touching]);
        Assert.Equal("aef", S(result.Result));
        Assert.Equal([first, touching], result.Applied);
        Assert.Empty(result.Deferred);
    }

    [Fact]
    public void AnInsertionThatTouchesAnAppliedEditIsDeferred()
    {
        // Which comes first, the insertion or the replaced text, would be undefined.
        var source = B("abcdef");
        var first = F((1, 2, "X"));
        var atEnd = F((3, 0, "Y"));
        var atStart = F((1, 0, "Z"));
        var elsewhere = F((5, 0, "W"));
        var result = FixApplier.Apply(source, [first, atEnd, atStart, elsewhere]);
        Assert.Equal("aXdeWf", S(result.Result));
        Assert.Equal([atEnd, atStart], result.Deferred);
    }

    [Fact]
    public void TwoInsertionsAtOnePlaceConflict()
    {
        var source = B("ab");
        var first = F((1, 0, "X"));
        var second = F((1, 0, "Y"));
        var result = FixApplier.Apply(source, [first, second]);
        Assert.Equal("aXb", S(result.Result));
        Assert.Equal([second], result.Deferred);
    }

    [Fact]
    public async Task TwoHundredThousandNeighbouringRemovalsApplyInOnePass()
    {
        // The conflict check is a bit set, not a scan of every taken edit (which was quadratic: 51 s for 200,000).
        const int n = 200_000;
        var source = new byte[n * 2];
        var fixes = new List<Fix>(n);
        for (int i = 0; i < n; i++)
        {
            source[2 * i] = (byte)'a';
            source[2 * i + 1] = (byte)',';
            fixes.Add(F((2 * i, 2, "")));
        }
        var result = await Task.Run(() => FixApplier.Apply(source, fixes)).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(n, result.Applied.Count);
        Assert.Empty(result.Result);
    }

    [Fact]
    public void AFixAppliesAllItsEditsOrNone()
    {
        var source = B("0123456789");
        var first = F((0, 1, "A"));
        // Its second edit is clear of the first fix, but its first edit conflicts: none of it applies.
        var both = F((0, 2, "B"), (8, 1, "C"));
        var third = F((5, 1, "D"));
        var result = FixApplier.Apply(source, [first, both, third]);
        Assert.Equal("A1234D6789", S(result.Result));
        Assert.Equal([first, third], result.Applied);
        Assert.Equal([both], result.Deferred);
    }

    [Fact]
    public void EditsOfOneFixMayComeInAnyOrder()
    {
        var result = FixApplier.Apply(B("0123456789"), [F((8, 1, "B"), (1, 1, "A"))]);
        Assert.Equal("0A234567B9", S(result.Result));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(5, 2)]
    [InlineData(2, -1)]
    public void AnEditOutsideTheTextIsRejected(int start, int length)
    {
        var source = B("012345");
        var result = FixApplier.Apply(source, [F((start, length, "x"))]);
        Assert.Same(source, result.Result);
        Assert.Single(result.Rejected);
    }

    [Fact]
    public void OverlappingEditsWithinOneFixAreRejected()
    {
        var result = FixApplier.Apply(B("012345"), [F((1, 3, "x"), (2, 1, "y")), F((0, 0, "a"), (0, 0, "b"))]);
        Assert.Equal(2, result.Rejected.Count);
        Assert.Equal("012345", S(result.Result));
    }

    [Fact]
    public void AnEditThatCutsAUtf8CharacterIsRejected()
    {
        var source = B("a\u2014b"); // the em dash is 3 bytes
        Assert.Single(FixApplier.Apply(source, [F((2, 1, "x"))]).Rejected);
        Assert.Single(FixApplier.Apply(source, [F((0, 2, "x"))]).Rejected);
        Assert.Equal("a-b", S(FixApplier.Apply(source, [F((1, 3, "-"))]).Result));
    }

    [Fact]
    public void NewTextIsWrittenAsUtf8()
    {
        Assert.Equal("\"a\u2014b\"", S(FixApplier.Apply(B("\"x\""), [F((0, 3, "\"a\u2014b\""))]).Result));
    }
}
