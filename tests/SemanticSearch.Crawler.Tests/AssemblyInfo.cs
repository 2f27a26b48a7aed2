// The crawler tests use POSIX features (symbolic links, FIFOs, raw file names, SIGKILL): Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
