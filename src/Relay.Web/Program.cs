using Relay.Web.Hosting;

var app = await RelayApplication.CreateAsync(args);
await app.RunAsync();
