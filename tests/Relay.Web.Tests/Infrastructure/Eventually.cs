namespace Relay.Web.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until the condition holds; the generous deadline is for a loaded machine.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
