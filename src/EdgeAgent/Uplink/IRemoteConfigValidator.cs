using Microsoft.Extensions.Configuration;

namespace EdgeCc.Agent.Uplink;

/// <summary>Checks a proposed configuration (the app's configuration with the remote settings on top); returns errors naming the key.</summary>
internal interface IRemoteConfigValidator
{
    IEnumerable<string> Validate(IConfiguration proposed);
}
