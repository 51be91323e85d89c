namespace EdgeCc.Agent.Uplink;

/// <summary>What the wallboard host made of one message from the site's boxes; the rejections are counted by kind.</summary>
internal enum SiteMessageOutcome
{
    Floor,
    Alert,
    Status,

    /// <summary>This box's own message: its part comes from its floor directly.</summary>
    Own,

    /// <summary>Not under <c>edgecc/v1/{site}/{device}/floor|alerts|status</c> of this site.</summary>
    WrongTopic,
    TooLarge,
    NotJson,

    /// <summary>Envelope fields missing, of the wrong type, another schema version, or site/device not those of the topic.</summary>
    BadEnvelope,

    /// <summary>The body does not have the fields of floor/alert/status.schema.json.</summary>
    BadBody,
}
