using EdgeCc.Agent.Analysis;
using EdgeCc.Agent.Floor;
using EdgeCc.Agent.Hosting;
using EdgeCc.Agent.Telephony;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeCc.Agent.Tests.Capture;

/// <summary>
/// A headset opened by name through real libasound (a <c>type file</c> PCM playing the demo's
/// escalation call as 48 kHz stereo) and the whole service host behind it: the call is started
/// from voice activity for the configured desk and the customer's phrases are spotted.
/// </summary>
public sealed class HeadsetPipelineTests : IDisposable
{
    private readonly AlsaTestDevices _devices = new();
    private readonly string _data = Path.Combine(Path.GetTempPath(), "edgecc-headset-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Headset_call_is_heard_for_its_desk_and_the_customers_escalation_is_spotted()
    {
        var raw = Path.Combine(_devices.Directory, "desk14.raw");
        AlsaTestDevices.RunSoxFile($"\"{TestPaths.Repo("samples/call-escalation.wav")}\" -t raw -e signed -b 16 -r 48000 -c 2 \"{raw}\"");
        _devices.AddPcm("desk14", raw);

        using var host = Program.BuildHost(new HostSettings
        {
            Overrides = new Dictionary<string, string?>
            {
                ["Store:DataDirectory"] = _data,
                ["Web:Enabled"] = "false",
                ["Headsets:AlsaConfigPath"] = _devices.ConfigPath,
                ["Headsets:Desks:0:Desk"] = "14",
                ["Headsets:Desks:0:AgentId"] = "1001",
                ["Headsets:Desks:0:PcmName"] = "desk14",
                ["Headsets:Desks:0:CustomerChannel"] = "2",
            },
            MinimumLogLevel = LogLevel.Warning,
        });
        var started = new TaskCompletionSource<CallStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
        var escalation = new TaskCompletionSource<Detection>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<FloorState>().Changed += change =>
        {
            if (change.Event is CallStarted s)
            {
                started.TrySetResult(s);
            }

            if (change.Detection is { Phrase: "speak to a manager" } d)
            {
                escalation.TrySetResult(d);
            }
        };

        await host.StartAsync();
        try
        {
            var call = await started.Task.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal("headset", call.Source);
            Assert.Equal("1001", call.AgentId);

            var heard = await escalation.Task.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal(EdgeCc.Agent.Audio.Leg.Customer, heard.Leg);
            Assert.Equal(call.CallId, heard.CallId);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public void Dispose()
    {
        _devices.Dispose();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
