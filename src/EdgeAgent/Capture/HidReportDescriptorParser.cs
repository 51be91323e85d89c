namespace EdgeCc.Agent.Capture;

/// <summary>
/// Finds the telephony Hook Switch and Phone Mute inputs in a HID report descriptor (the bytes of
/// sysfs <c>report_descriptor</c>), following HID 1.11 §6.2.2: short items, the global state
/// table with Push/Pop, local usages and usage ranges, and one bit cursor per input report ID.
/// Malformed input gives a result with a reason, never an exception.
/// </summary>
internal static class HidReportDescriptorParser
{
    // Item types, HID 1.11 §6.2.2.2.
    private const int TypeMain = 0;
    private const int TypeGlobal = 1;
    private const int TypeLocal = 2;

    // Main item tags, §6.2.2.4.
    private const int TagInput = 0x8;
    private const int TagCollection = 0xA;
    private const int TagEndCollection = 0xC;

    // Global item tags, §6.2.2.7.
    private const int TagUsagePage = 0x0;
    private const int TagLogicalMinimum = 0x1;
    private const int TagReportSize = 0x7;
    private const int TagReportId = 0x8;
    private const int TagReportCount = 0x9;
    private const int TagPush = 0xA;
    private const int TagPop = 0xB;

    // Local item tags, §6.2.2.8.
    private const int TagUsage = 0x0;
    private const int TagUsageMinimum = 0x1;
    private const int TagUsageMaximum = 0x2;

    // Input item data bits, §6.2.2.5.
    private const int FlagConstant = 0x01;
    private const int FlagVariable = 0x02;
    private const int FlagRelative = 0x04;

    private const byte LongItemPrefix = 0xFE;

    // Bounds that no real device reaches; they keep a hostile descriptor from costing memory.
    private const int MaxUsageRange = 4096;
    private const int MaxReportBits = 8 * 4096;
    private const int MaxPushDepth = 16;

    private const uint HookSwitch = (HidTelephonyLayout.TelephonyPage << 16) | HidTelephonyLayout.HookSwitchUsage;
    private const uint PhoneMute = (HidTelephonyLayout.TelephonyPage << 16) | HidTelephonyLayout.PhoneMuteUsage;

    public static HidParseResult Parse(ReadOnlySpan<byte> descriptor)
    {
        var global = default(GlobalState);
        var stack = new Stack<GlobalState>();
        var usages = new List<uint>();
        uint? usageMinimum = null;
        var inputBits = new Dictionary<byte, int>();
        var usesReportIds = false;
        var depth = 0;
        HidTelephonyField? hook = null;
        HidTelephonyField? mute = null;

        var position = 0;
        while (position < descriptor.Length)
        {
            var prefix = descriptor[position];
            if (prefix == LongItemPrefix)
            {
                return HidParseResult.Fail(HidParseError.UnsupportedItem, $"long item at byte {position}");
            }

            var size = (prefix & 0x03) == 3 ? 4 : prefix & 0x03;
            var type = (prefix >> 2) & 0x03;
            var tag = prefix >> 4;
            if (position + 1 + size > descriptor.Length)
            {
                return HidParseResult.Fail(HidParseError.Truncated, $"item 0x{prefix:X2} at byte {position} needs {size} data byte(s), {descriptor.Length - position - 1} left");
            }

            var data = descriptor.Slice(position + 1, size);
            var unsigned = ReadUnsigned(data);
            position += 1 + size;

            switch (type)
            {
                case TypeMain:
                    if (tag == TagCollection)
                    {
                        depth++;
                    }
                    else if (tag == TagEndCollection)
                    {
                        if (--depth < 0)
                        {
                            return HidParseResult.Fail(HidParseError.Inconsistent, $"End Collection without Collection at byte {position - 1 - size}");
                        }
                    }
                    else if (tag == TagInput)
                    {
                        var bits = global.ReportSize * global.ReportCount;
                        inputBits.TryGetValue(global.ReportId, out var offset);
                        if (offset + bits > MaxReportBits)
                        {
                            return HidParseResult.Fail(HidParseError.Inconsistent, $"input report {global.ReportId} grows past {MaxReportBits / 8} bytes");
                        }

                        if ((unsigned & FlagConstant) == 0)
                        {
                            FindTelephony(global, usages, (unsigned & FlagVariable) != 0, (unsigned & FlagRelative) != 0, offset, ref hook, ref mute);
                        }

                        inputBits[global.ReportId] = offset + bits;
                    }

                    // Local items apply to the next main item only (§6.2.2.8).
                    usages.Clear();
                    usageMinimum = null;
                    break;

                case TypeGlobal:
                    switch (tag)
                    {
                        case TagUsagePage:
                            global.UsagePage = (ushort)unsigned;
                            break;
                        case TagLogicalMinimum:
                            global.LogicalMinimum = ReadSigned(data);
                            break;
                        case TagReportSize:
                            if (unsigned is 0 or > 32)
                            {
                                return HidParseResult.Fail(HidParseError.Inconsistent, $"Report Size {unsigned} at byte {position - 1 - size}");
                            }

                            global.ReportSize = (int)unsigned;
                            break;
                        case TagReportId:
                            if (unsigned is 0 or > 255)
                            {
                                return HidParseResult.Fail(HidParseError.Inconsistent, $"Report ID {unsigned} at byte {position - 1 - size}");
                            }

                            global.ReportId = (byte)unsigned;
                            usesReportIds = true;
                            break;
                        case TagReportCount:
                            if (unsigned > MaxReportBits)
                            {
                                return HidParseResult.Fail(HidParseError.Inconsistent, $"Report Count {unsigned} at byte {position - 1 - size}");
                            }

                            global.ReportCount = (int)unsigned;
                            break;
                        case TagPush:
                            if (stack.Count >= MaxPushDepth)
                            {
                                return HidParseResult.Fail(HidParseError.Inconsistent, "Push nested too deep");
                            }

                            stack.Push(global);
                            break;
                        case TagPop:
                            if (!stack.TryPop(out global))
                            {
                                return HidParseResult.Fail(HidParseError.Inconsistent, $"Pop without Push at byte {position - 1 - size}");
                            }

                            break;
                        default:
                            break;
                    }

                    break;

                case TypeLocal:
                    switch (tag)
                    {
                        case TagUsage:
                            usages.Add(FullUsage(unsigned, size, global.UsagePage));
                            break;
                        case TagUsageMinimum:
                            usageMinimum = FullUsage(unsigned, size, global.UsagePage);
                            break;
                        case TagUsageMaximum when usageMinimum is { } minimum:
                            var maximum = FullUsage(unsigned, size, global.UsagePage);
                            for (var usage = minimum; usage <= maximum && usage - minimum < MaxUsageRange; usage++)
                            {
                                usages.Add(usage);
                            }

                            usageMinimum = null;
                            break;
                        default:
                            break;
                    }

                    break;

                default:
                    return HidParseResult.Fail(HidParseError.UnsupportedItem, $"reserved item type in 0x{prefix:X2} at byte {position - 1 - size}");
            }
        }

        if (hook is null && mute is null)
        {
            return HidParseResult.Fail(HidParseError.NoTelephonyControls, "no Telephony Hook Switch (0x0B:0x20) or Phone Mute (0x0B:0x2F) input");
        }

        var lengths = new Dictionary<byte, int>(inputBits.Count);
        foreach (var (id, bits) in inputBits)
        {
            lengths[id] = ((bits + 7) / 8) + (usesReportIds ? 1 : 0);
        }

        return new HidParseResult(new HidTelephonyLayout(usesReportIds, hook, mute, lengths), HidParseError.None, "ok");
    }

    private static void FindTelephony(
        GlobalState global,
        List<uint> usages,
        bool variable,
        bool relative,
        int offset,
        ref HidTelephonyField? hook,
        ref HidTelephonyField? mute)
    {
        if (usages.Count == 0)
        {
            return;
        }

        if (variable)
        {
            // One field per usage; a short usage list repeats its last usage (§6.2.2.8).
            for (var i = 0; i < global.ReportCount; i++)
            {
                var usage = usages[Math.Min(i, usages.Count - 1)];
                var field = new HidTelephonyField(global.ReportId, offset + (i * global.ReportSize), global.ReportSize, relative);
                Assign(usage, field, ref hook, ref mute);
            }

            return;
        }

        // Array: each slot holds the index of a pressed usage, offset by Logical Minimum.
        for (var index = 0; index < usages.Count; index++)
        {
            var field = new HidTelephonyField(global.ReportId, offset, global.ReportSize, relative, global.ReportCount, global.LogicalMinimum + index);
            Assign(usages[index], field, ref hook, ref mute);
        }
    }

    private static void Assign(uint usage, HidTelephonyField field, ref HidTelephonyField? hook, ref HidTelephonyField? mute)
    {
        if (usage == HookSwitch)
        {
            hook ??= field;
        }
        else if (usage == PhoneMute)
        {
            mute ??= field;
        }
    }

    // A 4-byte usage carries its own page in the high half (§6.2.2.8, extended usage).
    private static uint FullUsage(uint value, int size, ushort page) => size == 4 ? value : ((uint)page << 16) | (value & 0xFFFF);

    private static uint ReadUnsigned(ReadOnlySpan<byte> data) => data.Length switch
    {
        0 => 0,
        1 => data[0],
        2 => (uint)(data[0] | (data[1] << 8)),
        _ => (uint)(data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24)),
    };

    private static int ReadSigned(ReadOnlySpan<byte> data) => data.Length switch
    {
        0 => 0,
        1 => (sbyte)data[0],
        2 => (short)(data[0] | (data[1] << 8)),
        _ => data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24),
    };

    private struct GlobalState
    {
        public ushort UsagePage;
        public int LogicalMinimum;
        public int ReportSize;
        public int ReportCount;
        public byte ReportId;
    }
}
