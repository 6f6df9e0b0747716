using Microsoft.Extensions.Http;

namespace ApiAuth.Internal;

/// <summary>
/// A handler builder the redirect check at start-up runs a client's configuration on, to see its final primary handler
/// without building the client. ApiAuth's own handler is not added to it (that would read the options being validated).
/// </summary>
internal sealed class RedirectProbeBuilder : HttpMessageHandlerBuilder
{
    public RedirectProbeBuilder(IServiceProvider services, string name)
    {
        Services = services;
        Name = name;
    }

    public override string? Name { get; set; }

    /// <summary>Gets or sets the primary handler; the factory's default is an <see cref="HttpClientHandler"/>, as here.</summary>
    public override HttpMessageHandler PrimaryHandler { get; set; } = new HttpClientHandler();

    public override IList<DelegatingHandler> AdditionalHandlers { get; } = [];

    public override IServiceProvider Services { get; }

    public override HttpMessageHandler Build() => throw new NotSupportedException("A probe is never built.");
}
