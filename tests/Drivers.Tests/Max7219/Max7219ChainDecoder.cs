namespace EdgeCc.Drivers.Tests.Max7219;

/// <summary>
/// Replays SPI writes through a chain of simulated MAX7219s: bits shift in on DIN of chain position 0 and out
/// of DOUT into the next chip (16-bit shift register each); at the end of a write (LOAD rising) every chip
/// executes the word it holds. Images are per chip: row r = digit register r, column c = bit 7-c.
/// </summary>
internal sealed class Max7219ChainDecoder
{
    private readonly ushort[] _shift;

    public Max7219ChainDecoder(int chips)
    {
        _shift = new ushort[chips];
        Chips = new Chip[chips];
        for (int i = 0; i < chips; i++)
        {
            Chips[i] = new Chip();
        }
    }

    public Chip[] Chips { get; }

    /// <summary>Register writes other than no-op, per chain position, in order.</summary>
    public int NoOps { get; private set; }

    public void Replay(IEnumerable<byte[]> writes)
    {
        foreach (var write in writes)
        {
            if (write.Length % 2 != 0)
            {
                throw new InvalidDataException($"write of {write.Length} bytes is not whole 16-bit words");
            }

            foreach (byte b in write)
            {
                for (int bit = 7; bit >= 0; bit--)
                {
                    int carry = (b >> bit) & 1;
                    for (int p = 0; p < _shift.Length; p++)
                    {
                        int outBit = _shift[p] >> 15;
                        _shift[p] = (ushort)((_shift[p] << 1) | carry);
                        carry = outBit;
                    }
                }
            }

            for (int p = 0; p < _shift.Length; p++)
            {
                int address = (_shift[p] >> 8) & 0x0F;
                if (address == 0)
                {
                    NoOps++;
                }

                Chips[p].Execute(address, (byte)_shift[p]);
            }
        }
    }

    internal sealed class Chip
    {
        public byte[] Digits { get; } = new byte[8];

        public byte DecodeMode { get; private set; } = 0xFF; // undefined at power-up; assume the worst

        public byte Intensity { get; private set; }

        public byte ScanLimit { get; private set; }

        public bool Shutdown { get; private set; } = true;

        public bool DisplayTest { get; private set; } = true;

        public List<(int Address, byte Data)> Log { get; } = [];

        public void Execute(int address, byte data)
        {
            if (address == 0)
            {
                return;
            }

            Log.Add((address, data));
            switch (address)
            {
                case >= 1 and <= 8: Digits[address - 1] = data; break;
                case 0x09: DecodeMode = data; break;
                case 0x0A: Intensity = (byte)(data & 0x0F); break;
                case 0x0B: ScanLimit = (byte)(data & 0x07); break;
                case 0x0C: Shutdown = (data & 1) == 0; break;
                case 0x0F: DisplayTest = (data & 1) != 0; break;
                default: throw new InvalidDataException($"write to undefined register 0x{address:X}");
            }
        }

        /// <summary>What the LEDs show, as 8 strings of '#' and '.'.</summary>
        public string[] Image()
        {
            var rows = new string[8];
            for (int r = 0; r < 8; r++)
            {
                var chars = new char[8];
                for (int c = 0; c < 8; c++)
                {
                    bool on = DisplayTest || (!Shutdown && r <= ScanLimit && DecodeMode == 0 && (Digits[r] & (0x80 >> c)) != 0);
                    chars[c] = on ? '#' : '.';
                }

                rows[r] = new string(chars);
            }

            return rows;
        }
    }
}
