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
    public void AFixThatTouchesAnAppliedOneIsDeferred()
    {
        var source = B("abcdef");
        var first = F((1, 2, ""));
        var touching = F((3, 1, ""));
        var result = FixApplier.Apply(source, [first, touching]);
        Assert.Equal("adef", S(result.Result));
        Assert.Equal([touching], result.Deferred);
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
