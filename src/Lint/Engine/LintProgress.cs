namespace Lint;

/// <summary>How far a lint run is.</summary>
/// <param name="FilesDone">Files linted so far.</param>
/// <param name="FilesTotal">Files to lint in this run.</param>
public readonly record struct LintProgress(int FilesDone, int FilesTotal);
