/// Numbers as `printf` writes them, for tools that leave out Foundation's
/// `String(format:)` and the ICU data that comes with it.
public enum NumberText {
    /// `%Nd` (`pad` " ") or `%0Nd` (`pad` "0"): `value` right-aligned in
    /// `width` columns; a zero pad goes after the sign, as printf puts it.
    public static func padded(_ value: Int, width: Int, pad: Character = " ") -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let fill = String(repeating: pad, count: max(0, width - sign.count - digits.count))
        return pad == "0" ? sign + fill + digits : fill + sign + digits
    }

    /// `%.Nf`: `value` to `decimals` places (0 to 15), rounded half to even
    /// on its exact binary value, as glibc does. From 2^64 up, where no
    /// tool of ours has a number, it is Swift's shortest form instead.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
        let sign = value.sign == .minus ? "-" : ""
        let decimals = min(max(decimals, 0), 15)
        guard let units = scaledAndRounded(value.magnitude, decimals: decimals) else { return "\(value)" }
        let digits = String(units)
        guard decimals > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        return sign + padded.dropLast(decimals) + "." + padded.suffix(decimals)
    }

    /// `magnitude × 10^decimals` rounded half to even, in exact integers:
    /// a double is a 53-bit integer times a power of two.
    static func scaledAndRounded(_ magnitude: Double, decimals: Int) -> UInt128? {
        guard magnitude < 0x1p64 else { return nil }
        guard magnitude > 0 else { return 0 }
        var power: UInt128 = 1
        for _ in 0..<decimals { power *= 10 }
        let exponent = Int(magnitude.exponent) - Double.significandBitCount
        let significand = UInt128(magnitude.significandBitPattern | (magnitude.isNormal ? 1 << 52 : 0))
        if exponent >= 0 { return (significand << exponent) * power }
        // Below 2^-75, even 15 places round to zero.
        guard exponent > -128 else { return 0 }
        let scaled = significand * power
        let shift = UInt128(-exponent)
        let (units, remainder) = (scaled >> shift, scaled & ((1 << shift) - 1))
        let half: UInt128 = 1 << (shift - 1)
        return remainder > half || (remainder == half && units & 1 == 1) ? units + 1 : units
    }
}
