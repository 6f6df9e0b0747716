using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace ApiAuth.Internal;

/// <summary>
/// Fails a client's options at start-up when ApiAuth could not keep its redirects safe: its primary handler follows
/// redirects itself (a redirect to another origin would carry the credential) and ApiAuth cannot turn that off, because
/// the handler was already used or disposed, or its switch is read-only. The message says how to fix it.
/// </summary>
/// <remarks>
/// It runs the client's handler configuration on a <see cref="RedirectProbeBuilder"/> to find the final primary handler, and
/// checks it without changing it (<see cref="PrimaryHandlerRedirects"/>). A configuration that throws is left to the real
/// build, which reports its own error.
/// </remarks>
internal sealed class RedirectSafetyValidator : IValidateOptions<ApiAuthDiagnosticsOptions>
{
    private readonly IServiceProvider _services;
    private readonly RegisteredClients _clients;

    public RedirectSafetyValidator(IServiceProvider services, RegisteredClients clients)
    {
        _services = services;
        _clients = clients;
    }

    /// <summary>The failure message: what is wrong, why it matters, the fix.</summary>
    /// <param name="name">The client name.</param>
    /// <param name="problem">What is wrong with its primary handler.</param>
    /// <returns>The message.</returns>
    public static string Message(string name, string problem) =>
        $"ApiAuth cannot keep client '{name}''s redirects safe: {problem}, so a redirect to another origin would carry the credential. " +
        "Give the client a primary handler of its own, created when the client is built (ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ... })), " +
        "or set AllowAutoRedirect = false on the handler before its first request (redirects are then returned to the caller).";

    public ValidateOptionsResult Validate(string? name, ApiAuthDiagnosticsOptions options)
    {
        name ??= Options.DefaultName;
        if (!_clients.Contains(name) || Probe(name) is not { } primary)
        {
            return ValidateOptionsResult.Skip;
        }

        RedirectDecision decision = PrimaryHandlerRedirects.Decide(primary, apply: false);
        return decision.Problem is { } problem ? ValidateOptionsResult.Fail(Message(name, problem)) : ValidateOptionsResult.Success;
    }

    private HttpMessageHandler? Probe(string name)
    {
        HttpClientFactoryOptions factoryOptions = _services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(name);
        using IServiceScope scope = _services.CreateScope();
        var builder = new RedirectProbeBuilder(scope.ServiceProvider, name);
        try
        {
            foreach (Action<HttpMessageHandlerBuilder> action in factoryOptions.HttpMessageHandlerBuilderActions)
            {
                action(builder);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }

        return builder.PrimaryHandler;
    }
}
