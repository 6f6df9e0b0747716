namespace ApiAuth.IntegrationTests.Infrastructure;

/// <summary>
/// Runs an SDK call through the synchronous or the asynchronous method. Synchronous calls run on the
/// thread pool so the test's timeout can still fire; every call is bounded by <see cref="Timeout"/>.
/// </summary>
internal static class Call
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<T> Through<T>(Door door, Func<T> sync, Func<CancellationToken, Task<T>> async)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(Timeout);
        Task<T> call = door == Door.Sync ? Task.Run(sync, cts.Token) : async(cts.Token);
        return await call.WaitAsync(cts.Token);
    }

    /// <summary>Runs the call and returns what it threw; fails the test when it threw nothing.</summary>
    public static async Task<Exception> Failing<T>(Door door, Func<T> sync, Func<CancellationToken, Task<T>> async)
    {
        try
        {
            await Through(door, sync, async);
        }
        catch (Exception e) when (e is not TimeoutException and not OperationCanceledException)
        {
            return e;
        }

        Assert.Fail("The call succeeded; an authentication failure was expected.");
        return null!;
    }
}
