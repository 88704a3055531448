using Relay.Data;
using Relay.Web.Features.Account;
using Relay.Web.Features.Admin;
using Relay.Web.Features.Calls;
using Relay.Web.Features.Chat;
using Relay.Web.Features.Monitoring;
using Relay.Web.Features.Recordings;

namespace Relay.Web.Hosting;

/// <summary>
/// Builds the whole application. Program.cs and the integration tests both start it from here,
/// so the tests run exactly what production runs, only with other settings.
/// </summary>
public static class RelayApplication
{
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application name decides where Razor Pages and static web assets are found; under a
        // test host the entry assembly is not ours, so name it rather than infer it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(RelayApplication).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);

        var dataDirectory = ResolveDataDirectory(builder);
        builder.Services.AddRelayData(builder.Configuration, dataDirectory);
        builder.Services.AddRelayAccounts(builder.Configuration);
        builder.Services.AddRelayAdmin(builder.Configuration);
        builder.Services.AddRelayChat(builder.Configuration);
        builder.Services.AddRelayMedia(builder.Configuration);
        builder.Services.AddRelayMonitoring(builder.Configuration);
        builder.Services.AddRelayRecordings(builder.Configuration, dataDirectory);
        builder.Services.AddRelayJobs(builder.Configuration);
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
        builder.Services.AddRelayDataProtection(builder.Configuration, dataDirectory);

        var app = builder.Build();
        await app.Services.InitializeDatabaseAsync(app.Environment, app.Configuration);
        await app.Services.SynchronizeAdminsAsync();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRelayHttpMetrics();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapChatEndpoints();
        app.MapRelayMetrics();
        app.MapRelayRecordings();
        app.Lifetime.ApplicationStarted.Register(() => StartupLog.Ready(app));
        app.MapGet("/", (HttpContext http) => Results.Redirect(http.User.Identity?.IsAuthenticated == true ? "/chat" : "/login")).AllowAnonymous();
        return app;
    }

    private static string ResolveDataDirectory(WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var path = Path.GetFullPath(storage.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(path);
        return path;
    }
}
