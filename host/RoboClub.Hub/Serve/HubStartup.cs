using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RoboClub.Compiler;
using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Serve;

/// <summary>
/// Starts the hub's parts in order — broker, board registry, broadcast relay, virtual boards —
/// and stops them in reverse, saving the broker's state. Prints where to open the editor.
/// </summary>
public sealed class HubStartup(
    IServiceProvider services,
    IHubBus bus,
    BoardRegistry registry,
    BoardConfigPublisher boardConfig,
    TimePublisher timePublisher,
    VirtualBoards virtualBoards,
    IOptions<HubSettings> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    HubConsole console) : IHostedService
{
    BroadcastRelay? _relay;
    EmbeddedBroker? _broker;
    int _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Roslyn's first compile takes about a second: pay it now, not when the first child presses Run.
        _ = CompilerWarmUp.Start();
        // The embedded broker, or the connection to an external one (which may come up later: the hub starts anyway).
        // Resolved now, not at stop: a test host may have disposed its services by then.
        EmbeddedBroker? broker = _broker = bus is ExternalBrokerBus ? null : services.GetRequiredService<EmbeddedBroker>();
        if (broker is not null) await broker.Broker.StartAsync(cancellationToken).ConfigureAwait(false);
        if (bus is ExternalBrokerBus external)
        {
            await external.StartAsync(cancellationToken).ConfigureAwait(false);
            // Let the hub's subscriptions be in place before its own virtual boards announce themselves
            // (some brokers, e.g. RabbitMQ 3.10, do not replay retained messages to wildcard subscriptions).
            await Task.WhenAny(external.WhenConnectedAsync(), Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)).ConfigureAwait(false);
        }
        registry.Start();
        await boardConfig.StartAsync(cancellationToken).ConfigureAwait(false);
        timePublisher.Start();
        _relay = new BroadcastRelay(bus);
        if (bus is ExternalBrokerBus subscribed) // the registry and the ingest listen before the boards speak
            await Task.WhenAny(subscribed.WhenSubscribedAsync(), Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)).ConfigureAwait(false);
        var (host, port, user, password) = bus is ExternalBrokerBus e
            ? (e.Address.Host, e.Address.Port, e.Address.UserName, e.Address.Password)
            : ("127.0.0.1", broker!.Broker.Port, null, null);
        await virtualBoards.StartAsync(host, port, user, password, cancellationToken).ConfigureAwait(false);
        foreach (var b in virtualBoards.Boards) registry.MarkVirtual(b.Options.Board);
        lifetime.ApplicationStarted.Register(() =>
        {
            console.Started(WebAddresses(), port, options.Value, virtualBoards.Boards.Select(b => b.Options.Board).ToArray());
            if (options.Value.OpenBrowser && !Console.IsOutputRedirected && console.PageUrls.Count > 0) Browser.TryOpen(console.PageUrls[0]);
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return; // the host may ask twice
        console.Stopping();
        await virtualBoards.StopAsync().ConfigureAwait(false);
        _relay?.Dispose();
        boardConfig.Dispose();
        timePublisher.Dispose();
        registry.Dispose();
        if (bus is ExternalBrokerBus external) await external.DisposeAsync().ConfigureAwait(false);
        else if (_broker is not null) await _broker.Broker.StopAsync().ConfigureAwait(false);
        console.Stopped();
    }

    IReadOnlyList<string> WebAddresses() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
}
