using Relay.Media.Dtls;

namespace Relay.Media.Tests.Dtls;

/// <summary>A server and a client joined by two in-memory wires, no sockets.</summary>
internal sealed class DtlsTestPair : IDisposable
{
    public static readonly DtlsCertificate ServerCertificate = DtlsCertificate.Create("test-server");
    public static readonly DtlsCertificate ClientCertificate = DtlsCertificate.Create("test-client");
    public static readonly DtlsCertificate OtherCertificate = DtlsCertificate.Create("someone-else");

    /// <summary>Fast retransmission so loss scenarios finish in well under a second.</summary>
    public static DtlsOptions FastOptions(params DtlsSrtpProfile[] profiles) => new()
    {
        RetransmitTimeout = TimeSpan.FromMilliseconds(100),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
        Counters = new DtlsCounters(),
        SrtpProfiles = profiles.Length == 0 ? DtlsOptions.Default.SrtpProfiles : profiles,
    };

    public DtlsTestPair(
        DtlsOptions? serverOptions = null, DtlsOptions? clientOptions = null,
        DtlsCertificate? clientCertificate = null,
        DtlsFingerprint? serverExpects = null, DtlsFingerprint? clientExpects = null,
        DtlsTestWire? toServer = null, DtlsTestWire? toClient = null)
    {
        ToServer = toServer ?? new DtlsTestWire();
        ToClient = toClient ?? new DtlsTestWire();
        ServerOptions = serverOptions ?? FastOptions();
        ClientOptions = clientOptions ?? FastOptions();
        Server = new DtlsServer(
            ServerCertificate, serverExpects ?? ClientCertificate.Fingerprint, ToClient.Send, ServerOptions);
        Client = new DtlsClient(
            clientCertificate ?? ClientCertificate, clientExpects ?? ServerCertificate.Fingerprint, ToServer.Send,
            ClientOptions);
        ToServer.Target = Server;
        ToClient.Target = Client;
    }

    public DtlsServer Server { get; }

    public DtlsClient Client { get; }

    public DtlsTestWire ToServer { get; }

    public DtlsTestWire ToClient { get; }

    public DtlsOptions ServerOptions { get; }

    public DtlsOptions ClientOptions { get; }

    public static TimeSpan Bound { get; } = TimeSpan.FromSeconds(5);

    public void Start()
    {
        Server.Start();
        Client.Start();
    }

    public async Task<(DtlsSrtpKeys Server, DtlsSrtpKeys Client)> CompleteAsync()
    {
        Start();
        var server = await Server.Completion.WaitAsync(Bound);
        var client = await Client.Completion.WaitAsync(Bound);
        return (server, client);
    }

    public static async Task<DtlsFailure> FailureOf(DtlsEndpoint endpoint) => (await ExceptionOf(endpoint)).Failure;

    public static Task<DtlsHandshakeException> ExceptionOf(DtlsEndpoint endpoint) =>
        Assert.ThrowsAsync<DtlsHandshakeException>(() => endpoint.Completion.WaitAsync(Bound));

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
