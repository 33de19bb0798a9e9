using System.Runtime.Versioning;

// The suite runs on Linux and macOS: it drives bash, git, pre-commit and Unix file modes (chmod, unreadable files and
// folders, hard links), which Windows does not have. Said once here instead of a platform check in each such test.
[assembly: UnsupportedOSPlatform("windows")]
