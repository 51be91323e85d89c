using System.Text;
using System.Text.Json;
using EdgeCc.Agent.Store;
using EdgeCc.Agent.Uplink;
using Microsoft.Extensions.Options;

namespace EdgeCc.Agent.Tests.Uplink;

public sealed class UplinkUnitTests
{
    [Fact]
    public void Backoff_doubles_with_jitter_up_to_the_cap_and_resets()
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(1));
        var steps = Enumerable.Range(0, 8).Select(_ => backoff.Next()).ToList();

        double[] caps = [1, 2, 4, 8, 16, 30, 30, 30];
        for (var i = 0; i < steps.Count; i++)
        {
            Assert.InRange(steps[i].TotalSeconds, caps[i] / 2, caps[i]);
        }

        Assert.NotEqual(steps[6], steps[7]);
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalSeconds, 0.5, 1);
    }

    [Fact]
    public void Uplink_options_errors_name_the_key()
    {
        var options = new UplinkOptions
        {
            Enabled = true,
            Site = "hq/floor",
            Device = "",
            BrokerPort = 70000,
            KeepAlive = TimeSpan.Zero,
            ReconnectMinDelay = TimeSpan.FromSeconds(10),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            Password = "secret-password",
            Tls = new UplinkTlsOptions { Enabled = true, ClientCertFile = "/nonexistent/client.crt" },
            RemoteConfigSections = ["Analysis", "Uplink"],
        };

        var result = new UplinkOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var text = string.Join("\n", result.Failures);
        Assert.Contains("Uplink:Site is 'hq/floor'", text, StringComparison.Ordinal);
        Assert.Contains("Uplink:Device is empty", text, StringComparison.Ordinal);
        Assert.Contains("Uplink:BrokerPort is 70000", text, StringComparison.Ordinal);
        Assert.Contains("Uplink:KeepAlive", text, StringComparison.Ordinal);
        Assert.Contains("Uplink:ReconnectMaxDelay", text, StringComparison.Ordinal);
        Assert.Contains("Uplink:Password is set but Uplink:Username is empty", text, StringComparison.Ordinal);
        Assert.Contains("Uplink:Tls:ClientCertFile is '/nonexistent/client.crt'", text, StringComparison.Ordinal);
        Assert.Contains("Uplink:Tls:ClientCertFile and Uplink:Tls:ClientKeyFile must be set together", text, StringComparison.Ordinal);
        Assert.Contains("Uplink:RemoteConfigSections contains 'Uplink'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_uplink_needs_no_site_or_device()
    {
        Assert.True(new UplinkOptionsValidator().Validate(null, new UplinkOptions()).Succeeded);
    }

    [Fact]
    public void Caller_key_is_stable_normalised_secret_dependent_and_hides_the_number()
    {
        var secret = Encoding.UTF8.GetBytes("an organisation secret of at least 32 bytes");
        var key = new CallerKey(secret);
        var other = new CallerKey(Encoding.UTF8.GetBytes("another organisation secret, 32+ bytes long"));

        var a = key.For("sip:+49 30 1234-567@pbx.example;user=phone");
        var b = key.For("+49301234567");

        Assert.Equal(a, b);
        Assert.StartsWith(CallerKey.Prefix, a, StringComparison.Ordinal);
        Assert.Equal(CallerKey.Prefix.Length + 64, a!.Length);
        Assert.DoesNotContain("49301234567", a, StringComparison.Ordinal);
        Assert.NotEqual(a, other.For("+49301234567"));
        Assert.NotEqual(a, key.For("+49301234568"));
        Assert.Null(key.For("anonymous"));
        Assert.Null(key.For(""));
        Assert.DoesNotContain("organisation", key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Caller_key_refuses_a_short_secret_naming_the_key()
    {
        var error = Assert.Throws<ArgumentException>(() => new CallerKey(Encoding.UTF8.GetBytes("short")));
        Assert.Contains("Privacy:CallerKeySecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short", new PrivacyOptions { CallerKeySecret = "short" }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Privacy_options_allow_no_secret_and_refuse_a_short_one_without_echoing_it()
    {
        static List<System.ComponentModel.DataAnnotations.ValidationResult> Check(string secret)
        {
            var options = new PrivacyOptions { CallerKeySecret = secret };
            var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true);
            return results;
        }

        Assert.Empty(Check(""));
        Assert.Empty(Check(new string('x', 32)));
        var error = Assert.Single(Check("hunter2-secret")).ErrorMessage!;
        Assert.Contains("Privacy:CallerKeySecret", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);

        // No secret: no keys, and no number comes through either.
        var off = new CallerKey(Microsoft.Extensions.Options.Options.Create(new PrivacyOptions()));
        Assert.False(off.Enabled);
        Assert.Null(off.For("+4930123456"));
    }

    [Fact]
    public void Envelope_carries_schema_version_and_idempotency_key_and_is_identical_when_resent()
    {
        var row = new OutboxRow(42, OutboxTopics.Calls, "{\"callId\":\"c1\"}"u8.ToArray(), new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));

        var first = Envelope.Wrap("hq", "pi-7", row);
        var again = Envelope.Wrap("hq", "pi-7", row);

        Assert.Equal(first, again);
        using var json = JsonDocument.Parse(first);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("call", root.GetProperty("type").GetString());
        Assert.Equal(42, root.GetProperty("sequence").GetInt64());
        Assert.Equal("hq/pi-7/42", root.GetProperty("idempotencyKey").GetString());
        Assert.Equal("c1", root.GetProperty("body").GetProperty("callId").GetString());
    }

    [Fact]
    public void Topics_follow_the_v1_tree()
    {
        var topics = new UplinkTopics("hq", "pi-7");
        Assert.Equal("edgecc/v1/hq/pi-7/status", topics.Status);
        Assert.Equal("edgecc/v1/hq/pi-7/config", topics.Config);
        Assert.Equal("edgecc/v1/hq/pi-7/config/ack", topics.For(OutboxTopics.ConfigAck));
        Assert.True(UplinkTopics.IsRetained(OutboxTopics.Floor));
        Assert.False(UplinkTopics.IsRetained(OutboxTopics.Calls));
    }
}
