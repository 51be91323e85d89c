using System.Text;

namespace EdgeCc.Drivers.Tests.Ht16k33;

/// <summary>
/// Plays I2C writes into a model of the HT16K33 (command decoding per the datasheet's command summary, RAM with an
/// auto-incrementing address pointer) and reads the backpack's digits back as text.
/// </summary>
internal sealed class Ht16k33Decoder
{
    private static readonly int[] DigitAddresses = [0x00, 0x02, 0x06, 0x08];

    public byte[] Ram { get; } = new byte[16];

    public bool OscillatorOn { get; private set; }

    public bool DisplayOn { get; private set; }

    public int Blink { get; private set; }

    public int Dimming { get; private set; } = -1;

    public bool RowOutput { get; private set; }

    public int RamWrites { get; private set; }

    public void Replay(IEnumerable<byte[]> writes)
    {
        foreach (var write in writes)
        {
            byte command = write[0];
            switch (command & 0xF0)
            {
                case 0x00:
                    int address = command & 0x0F;
                    for (int i = 1; i < write.Length; i++)
                    {
                        Ram[address] = write[i];
                        address = (address + 1) & 0x0F;
                    }

                    RamWrites++;
                    break;
                case 0x20: Single(write); OscillatorOn = (command & 1) != 0; break;
                case 0x80: Single(write); DisplayOn = (command & 1) != 0; Blink = (command >> 1) & 0b11; break;
                case 0xA0: Single(write); RowOutput = (command & 1) == 0; break;
                case 0xE0: Single(write); Dimming = command & 0x0F; break;
                default: throw new InvalidDataException($"unexpected command 0x{command:X2}");
            }
        }
    }

    /// <summary>What a person reads: digits as characters, '.' after a digit with DP, ':' between 2nd and 3rd if lit.</summary>
    public string Text()
    {
        if (!OscillatorOn || !DisplayOn)
        {
            return "(dark)";
        }

        var sb = new StringBuilder();
        for (int i = 0; i < 4; i++)
        {
            if (i == 2 && (Ram[0x04] & 0x02) != 0)
            {
                sb.Append(':');
            }

            byte segments = Ram[DigitAddresses[i]];
            sb.Append(Read((byte)(segments & 0x7F)));
            if ((segments & 0x80) != 0)
            {
                sb.Append('.');
            }
        }

        return sb.ToString();
    }

    private static char Read(byte segments) => segments switch
    {
        0x00 => ' ',
        0x3F => '0',
        0x06 => '1',
        0x5B => '2',
        0x4F => '3',
        0x66 => '4',
        0x6D => '5',
        0x7D => '6',
        0x07 => '7',
        0x7F => '8',
        0x6F => '9',
        0x40 => '-',
        0x79 => 'E',
        0x50 => 'r',
        _ => '?',
    };

    private static void Single(byte[] write)
    {
        if (write.Length != 1)
        {
            throw new InvalidDataException($"command 0x{write[0]:X2} followed by {write.Length - 1} stray bytes");
        }
    }
}
