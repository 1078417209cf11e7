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
    EmbeddedBroker broker,
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
    int _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Roslyn's first compile takes about a second: pay it now, not when the first child presses Run.
        _ = CompilerWarmUp.Start();
        await broker.Broker.StartAsync(cancellationToken).ConfigureAwait(false);
        registry.Start();
        await boardConfig.StartAsync(cancellationToken).ConfigureAwait(false);
        timePublisher.Start();
        _relay = new BroadcastRelay(bus);
        await virtualBoards.StartAsync(broker.Broker.Port, cancellationToken).ConfigureAwait(false);
        foreach (var b in virtualBoards.Boards) registry.MarkVirtual(b.Options.Board);
        lifetime.ApplicationStarted.Register(() =>
        {
            console.Started(WebAddresses(), broker.Broker.Port, options.Value, virtualBoards.Boards.Select(b => b.Options.Board).ToArray());
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
        await broker.Broker.StopAsync().ConfigureAwait(false);
        console.Stopped();
    }

    IReadOnlyList<string> WebAddresses() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
}
