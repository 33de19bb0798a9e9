namespace Lint.Tests.Docs;

public sealed class DocSnippetExtractionTests
{
    [Fact]
    public void BlocksInListsAndTagsAfterTheLanguageAreRead()
    {
        using var temp = new TestSupport.TempDir();
        var file = temp.Combine("page.md");
        File.WriteAllText(file, "# Title\n\n## Install\n\n- item:\n\n  ```yaml fragment\n  a: 1\n  ```\n\n````shell not-run: needs VS Code\ncode --install-extension x.vsix\n````\n\n```\nplain\n```\n");
        var blocks = DocSnippets.Extract(file);
        Assert.Equal(3, blocks.Count);
        Assert.Equal(("yaml", 7, "a: 1\n", "Install"), (blocks[0].Language, blocks[0].Line, blocks[0].Text, blocks[0].Heading));
        Assert.True(blocks[0].Has("fragment"));
        Assert.Equal("shell", blocks[1].Language);
        Assert.Equal("needs VS Code", blocks[1].Value("not-run"));
        Assert.Equal("code --install-extension x.vsix\n", blocks[1].Text);
        Assert.Equal("", blocks[2].Language);
        Assert.Empty(blocks[2].Tags);
    }

    [Fact]
    public void TheDocumentationHasSnippets() => Assert.True(DocSnippets.All().Count > 100);
}
