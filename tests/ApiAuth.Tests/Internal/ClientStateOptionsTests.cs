using ApiAuth.Internal;
using ApiAuth.Providers;
using Microsoft.Extensions.Options;
using Moq;

namespace ApiAuth.Tests.Internal;

/// <summary>
/// How a client's settings follow <see cref="IOptionsMonitor{TOptions}"/>: the factory rebuilds handlers every few minutes,
/// so reading the options and subscribing to reloads must happen once per client, not once per handler; and a reload of
/// another client must leave this one alone. The monitor is an interface whose calls are the behaviour: a Moq mock
/// counts them and hands over the reload listener.
/// </summary>
public sealed class ClientStateOptionsTests
{
    private static readonly ProviderRegistry Registry = ProviderRegistry.Default;

    [Fact]
    public async Task EnsureSettings_ManyHandlerRotationsInParallel_ReadOptionsAndSubscribeOnce()
    {
        var monitor = new Mock<IOptionsMonitor<ApiAuthDiagnosticsOptions>>(MockBehavior.Strict);
        monitor.Setup(m => m.Get("openai")).Returns(new ApiAuthDiagnosticsOptions { Provider = "openai" });
        monitor.Setup(m => m.OnChange(It.IsAny<Action<ApiAuthDiagnosticsOptions, string?>>())).Returns(Mock.Of<IDisposable>());
        var state = new ClientState();
        int created = 0;
        HandlerSettings? made = null;

        await Parallel.ForAsync(0, 64, (_, _) =>
        {
            state.EnsureSettings(monitor.Object, "openai", o => { Interlocked.Increment(ref created); return made = new HandlerSettings(o, Registry); });
            return ValueTask.CompletedTask;
        });

        Assert.Equal(1, created);
        Assert.Same(made, state.Settings);
        monitor.Verify(m => m.Get("openai"), Times.Once());
        monitor.Verify(m => m.OnChange(It.IsAny<Action<ApiAuthDiagnosticsOptions, string?>>()), Times.Once());
        monitor.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("openai", "openai", true)]
    [InlineData("openai", "anthropic", false)]
    [InlineData("openai", null, false)]
    [InlineData("", null, true)]
    [InlineData("", "openai", false)]
    public void OnChange_Reload_ReplacesOnlyThisClientsSettings(string client, string? changed, bool replaces)
    {
        Action<ApiAuthDiagnosticsOptions, string?>? listener = null;
        var monitor = new Mock<IOptionsMonitor<ApiAuthDiagnosticsOptions>>(MockBehavior.Strict);
        monitor.Setup(m => m.Get(client)).Returns(new ApiAuthDiagnosticsOptions { Provider = "openai" });
        monitor.Setup(m => m.OnChange(It.IsAny<Action<ApiAuthDiagnosticsOptions, string?>>()))
            .Callback<Action<ApiAuthDiagnosticsOptions, string?>>(l => listener = l)
            .Returns(Mock.Of<IDisposable>());
        var state = new ClientState();
        state.EnsureSettings(monitor.Object, client, o => new HandlerSettings(o, Registry));
        HandlerSettings before = state.Settings;
        Assert.NotNull(listener);

        listener(new ApiAuthDiagnosticsOptions { Provider = "anthropic" }, changed);

        Assert.Equal(replaces, !ReferenceEquals(before, state.Settings));
        Assert.Equal(replaces ? before : null, state.PreviousSettings);

        // The reload reads the options it was handed; it never goes back to the monitor.
        monitor.Verify(m => m.Get(It.IsAny<string>()), Times.Once());
    }
}
