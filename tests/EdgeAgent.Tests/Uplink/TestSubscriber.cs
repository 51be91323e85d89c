using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using EdgeCc.Agent.Store;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeCc.Agent.Tests.Uplink;

/// <summary>
/// "Central": a subscriber with a persistent session on <c>edgecc/v1/#</c> that records every
/// message. The test reconnects it after each broker restart; the broker keeps its queue meanwhile.
/// </summary>
internal sealed class TestSubscriber : IDisposable
{
    private readonly int _port;
    private IMqttClient? _client;
    private readonly Signal _received = new();

    public TestSubscriber(int port, string clientId = "central")
    {
        _port = port;
        ClientId = clientId;
    }

    public string ClientId { get; }

    public ConcurrentQueue<Received> Messages { get; } = new();

    /// <summary>
    /// Connects a fresh client each time (same client id, so the broker's persistent session and
    /// its queue carry over): the previous one may still be winding down its lost connection.
    /// </summary>
    public async Task ConnectAsync()
    {
        _client?.Dispose();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            Messages.Enqueue(new Received(m.Topic, m.Payload.ToArray(), m.Retain));
            _received.Fire();
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build();
        await _client.ConnectAsync(options);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("edgecc/v1/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    public Task PublishAsync(string topic, string payload, bool retain = true) =>
        _client!.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());

    /// <summary>Waits, without polling, until <paramref name="done"/> holds for the messages received so far.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = _received.Next;
            if (done(Messages.ToArray()))
            {
                return;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Name what did arrive: a flaky wait is only diagnosable from CI's log.
                var topics = string.Join(", ", Messages.Select(m => m.Topic + (m.Retain ? " (retained)" : "")));
                throw new TimeoutException($"timed out after {timeout} waiting for {what}; received {Messages.Count} messages: {topics}");
            }
        }
    }

    public void Dispose() => _client?.Dispose();

    internal sealed record Received(string Topic, byte[] Payload, bool Retain)
    {
        public JsonElement Json => JsonDocument.Parse(Payload).RootElement.Clone();
    }
}
