using System.Text;
using ApiAuth.Cli;

if (!Console.IsOutputRedirected && OperatingSystem.IsWindows())
{
    Console.OutputEncoding = Encoding.UTF8;
}

return await CliApp.CreateDefault().RunAsync(args).ConfigureAwait(false);
