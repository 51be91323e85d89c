using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeCc.Agent.Hosting;

namespace EdgeCc.Agent.Web;

/// <summary>
/// Prometheus text exposition format 0.0.4, written by hand: <c># HELP</c> and <c># TYPE</c> once
/// per family, then one <c>name{labels} value</c> line per sample, label values escaped
/// (backslash, double quote, newline) and the body ending with a newline.
/// </summary>
internal sealed class MetricsWriter(
    PipelineStages stages,
    WallboardFeed feed,
    BoxHealth health,
    Telephony.SipCaptureService? capture = null,
    Floor.FloorHealth? floor = null,
    Uplink.UplinkService? uplink = null,
    Capture.HeadsetCaptureService? headsets = null)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private long _sseClients;

    public long SseClients => Interlocked.Read(ref _sseClients);

    public void SseClientConnected() => Interlocked.Increment(ref _sseClients);

    public void SseClientDisconnected() => Interlocked.Decrement(ref _sseClients);

    public string Write()
    {
        var text = new StringBuilder(4096);
        var snapshot = stages.Snapshot();
        Family(text, "edgecc_stage_written_total", "counter", "Items written into a pipeline stage channel.");
        foreach (var s in snapshot)
        {
            Sample(text, "edgecc_stage_written_total", s.Written, ("stage", s.Name), ("policy", Policy(s)));
        }

        Family(text, "edgecc_stage_read_total", "counter", "Items read out of a pipeline stage channel.");
        foreach (var s in snapshot)
        {
            Sample(text, "edgecc_stage_read_total", s.Read, ("stage", s.Name), ("policy", Policy(s)));
        }

        Family(text, "edgecc_stage_dropped_total", "counter", "Items a full stage channel dropped or refused, by its overflow policy.");
        foreach (var s in snapshot)
        {
            Sample(text, "edgecc_stage_dropped_total", s.Dropped, ("stage", s.Name), ("policy", Policy(s)));
        }

        Family(text, "edgecc_stage_depth", "gauge", "Items queued in a pipeline stage channel now.");
        foreach (var s in snapshot)
        {
            Sample(text, "edgecc_stage_depth", s.Depth, ("stage", s.Name), ("policy", Policy(s)));
        }

        Family(text, "edgecc_stage_capacity", "gauge", "Capacity of a pipeline stage channel.");
        foreach (var s in snapshot)
        {
            Sample(text, "edgecc_stage_capacity", s.Capacity, ("stage", s.Name), ("policy", Policy(s)));
        }

        var (byLight, onCall) = feed.AgentCounts();
        Family(text, "edgecc_active_calls", "gauge", "Calls in progress on the floor (agents on a call).");
        Sample(text, "edgecc_active_calls", onCall);
        Family(text, "edgecc_agents", "gauge", "Agents on the floor by desk light colour.");
        foreach (var (light, count) in byLight)
        {
            Sample(text, "edgecc_agents", count, ("light", light));
        }

        Family(text, "edgecc_detections_total", "counter", "Phrases detected on agents' calls, by category.");
        foreach (var (category, count) in feed.DetectionsByCategory())
        {
            Sample(text, "edgecc_detections_total", count, ("category", category));
        }

        Family(text, "edgecc_alerts_total", "counter", "Alerts raised on the wallboard (an agent light turning red).");
        Sample(text, "edgecc_alerts_total", feed.AlertsRaised);
        Family(text, "edgecc_alert_acknowledgements_total", "counter", "Alerts acknowledged by a supervisor with the PIN.");
        Sample(text, "edgecc_alert_acknowledgements_total", feed.Acknowledgements);

        if (health.OutboxDepth() is { } outbox)
        {
            Family(text, "edgecc_outbox_rows", "gauge", "Messages in the outbox waiting for the broker's acknowledgement.");
            Sample(text, "edgecc_outbox_rows", outbox.Rows);
            Family(text, "edgecc_outbox_oldest_age_seconds", "gauge", "Age of the oldest message in the outbox (0 when empty).");
            Sample(text, "edgecc_outbox_oldest_age_seconds", outbox.OldestAge.TotalSeconds);
        }

        WriteDevices(text);

        Family(text, "edgecc_ready", "gauge", "1 when /readyz answers 200.");
        Sample(text, "edgecc_ready", health.NotReady().Count == 0 ? 1 : 0);
        Family(text, "edgecc_wallboard_clients", "gauge", "Browsers connected to the live wallboard stream.");
        Sample(text, "edgecc_wallboard_clients", SseClients);

        using var process = Process.GetCurrentProcess();
        Family(text, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
        Sample(text, "process_cpu_seconds_total", process.TotalProcessorTime.TotalSeconds);
        Family(text, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        Sample(text, "process_resident_memory_bytes", process.WorkingSet64);
        Family(text, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.");
        Sample(text, "process_start_time_seconds", new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        return text.ToString();
    }

    /// <summary>Capture, displays, the AMI feed, the MQTT uplink and headsets: what a site's monitoring alarms on.</summary>
    private void WriteDevices(StringBuilder text)
    {
        if (capture?.Statistics is { } pcap)
        {
            Family(text, "edgecc_capture_packets_received_total", "counter", "Packets libpcap handed to the capture.");
            Sample(text, "edgecc_capture_packets_received_total", pcap.Received);
            Family(text, "edgecc_capture_kernel_drops_total", "counter", "Packets the kernel dropped because the capture buffer was full.");
            Sample(text, "edgecc_capture_kernel_drops_total", pcap.DroppedByKernel);
            Family(text, "edgecc_capture_interface_drops_total", "counter", "Packets the network interface dropped.");
            Sample(text, "edgecc_capture_interface_drops_total", pcap.DroppedByInterface);
        }

        if (floor?.Snapshot() is { } lights)
        {
            Family(text, "edgecc_display_failures_total", "counter", "Failed writes to LED strips, matrices, 7-segment displays and stack lights.");
            Sample(text, "edgecc_display_failures_total", lights.DisplayFailures);
            Family(text, "edgecc_displays_faulted", "gauge", "Displays currently failing and being retried with backoff.");
            Sample(text, "edgecc_displays_faulted", lights.FaultedDisplays);
            Family(text, "edgecc_ami_connected", "gauge", "1 while the Asterisk AMI queue feed is connected.");
            Sample(text, "edgecc_ami_connected", lights.AmiConnected ? 1 : 0);
        }

        if (uplink is not null)
        {
            Family(text, "edgecc_mqtt_connected", "gauge", "1 while the MQTT uplink is connected to the broker.");
            Sample(text, "edgecc_mqtt_connected", uplink.IsConnected ? 1 : 0);
            Family(text, "edgecc_mqtt_acknowledged_total", "counter", "Messages the broker acknowledged (PUBACK).");
            Sample(text, "edgecc_mqtt_acknowledged_total", uplink.Acknowledged);
            Family(text, "edgecc_mqtt_connect_failures_total", "counter", "Failed connection attempts to the broker.");
            Sample(text, "edgecc_mqtt_connect_failures_total", uplink.ConnectFailures);
        }

        if (headsets?.Snapshot() is { Count: > 0 } desks)
        {
            Family(text, "edgecc_headset_overruns_total", "counter", "ALSA capture overruns recovered, per desk.");
            foreach (var desk in desks)
            {
                Sample(text, "edgecc_headset_overruns_total", desk.Overruns, ("desk", desk.Desk));
            }
        }
    }

    internal static string Escape(string value)
        => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Policy(StageSnapshot s) => WallboardFeed.Word(s.Policy);

    private static void Family(StringBuilder text, string name, string type, string help)
        => text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, double value, params (string Name, string Value)[] labels)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                text.Append(i == 0 ? "" : ",").Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}
