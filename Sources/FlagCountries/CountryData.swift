import TextSupport

/// The chapter's 194 country codes with their English short names, shared by
/// the downloader and the server. These are facts, so they live here as one
/// table of data.
public enum CountryData {
    /// The chapter's 194 codes, uppercase and sorted (AD AE AF ... ZW).
    public static let codes: [String] = table.map(\.code)

    /// The English short name of a country, for a code in any case.
    public static func name(for code: String) -> String? {
        names[code.uppercased()]
    }

    /// The country's top-level domain as the book's metadata writes it (`.ad`).
    public static func topLevelDomain(for code: String) -> String? {
        let upper = code.uppercased()
        guard names[upper] != nil else { return nil }
        // The United Kingdom is the one country whose TLD is not its ISO code.
        return upper == "GB" ? ".uk" : "." + upper.lowercased()
    }

    /// The `metadata.json` a flags server answers for a code.
    public static func metadataJSON(for code: String) -> [UInt8]? {
        let upper = code.uppercased()
        guard let name = names[upper], let tld = topLevelDomain(for: upper) else { return nil }
        let json =
            #"{"tld_cc": \#(JSONString.literal(tld)), "iso_cc": "\#(upper)", "country": \#(JSONString.literal(name))}"#
        return Array(json.utf8)
    }

    private static let names: [String: String] = Dictionary(uniqueKeysWithValues: table.map { ($0.code, $0.name) })

    private static let table: [(code: String, name: String)] = rawTable.split(separator: "\n").map { line in
        let parts = line.split(separator: "|", maxSplits: 1)
        return (String(parts[0]), String(parts[1]))
    }

    private static let rawTable = """
        AD|Andorra
        AE|United Arab Emirates
        AF|Afghanistan
        AG|Antigua and Barbuda
        AL|Albania
        AM|Armenia
        AO|Angola
        AR|Argentina
        AT|Austria
        AU|Australia
        AZ|Azerbaijan
        BA|Bosnia and Herzegovina
        BB|Barbados
        BD|Bangladesh
        BE|Belgium
        BF|Burkina Faso
        BG|Bulgaria
        BH|Bahrain
        BI|Burundi
        BJ|Benin
        BN|Brunei
        BO|Bolivia
        BR|Brazil
        BS|Bahamas
        BT|Bhutan
        BW|Botswana
        BY|Belarus
        BZ|Belize
        CA|Canada
        CD|Democratic Republic of the Congo
        CF|Central African Republic
        CG|Republic of the Congo
        CH|Switzerland
        CI|Ivory Coast
        CL|Chile
        CM|Cameroon
        CN|China
        CO|Colombia
        CR|Costa Rica
        CU|Cuba
        CV|Cape Verde
        CY|Cyprus
        CZ|Czech Republic
        DE|Germany
        DJ|Djibouti
        DK|Denmark
        DM|Dominica
        DZ|Algeria
        EC|Ecuador
        EE|Estonia
        EG|Egypt
        ER|Eritrea
        ES|Spain
        ET|Ethiopia
        FI|Finland
        FJ|Fiji
        FM|Micronesia
        FR|France
        GA|Gabon
        GB|United Kingdom
        GD|Grenada
        GE|Georgia
        GH|Ghana
        GM|Gambia
        GN|Guinea
        GQ|Equatorial Guinea
        GR|Greece
        GT|Guatemala
        GW|Guinea-Bissau
        GY|Guyana
        HN|Honduras
        HR|Croatia
        HT|Haiti
        HU|Hungary
        ID|Indonesia
        IE|Ireland
        IL|Israel
        IN|India
        IQ|Iraq
        IR|Iran
        IS|Iceland
        IT|Italy
        JM|Jamaica
        JO|Jordan
        JP|Japan
        KE|Kenya
        KG|Kyrgyzstan
        KH|Cambodia
        KI|Kiribati
        KM|Comoros
        KN|Saint Kitts and Nevis
        KP|North Korea
        KR|South Korea
        KW|Kuwait
        KZ|Kazakhstan
        LA|Laos
        LB|Lebanon
        LC|Saint Lucia
        LI|Liechtenstein
        LK|Sri Lanka
        LR|Liberia
        LS|Lesotho
        LT|Lithuania
        LU|Luxembourg
        LV|Latvia
        LY|Libya
        MA|Morocco
        MC|Monaco
        MD|Moldova
        ME|Montenegro
        MG|Madagascar
        MH|Marshall Islands
        MK|North Macedonia
        ML|Mali
        MM|Myanmar
        MN|Mongolia
        MR|Mauritania
        MT|Malta
        MU|Mauritius
        MV|Maldives
        MW|Malawi
        MX|Mexico
        MY|Malaysia
        MZ|Mozambique
        NA|Namibia
        NE|Niger
        NG|Nigeria
        NI|Nicaragua
        NL|Netherlands
        NO|Norway
        NP|Nepal
        NR|Nauru
        NZ|New Zealand
        OM|Oman
        PA|Panama
        PE|Peru
        PG|Papua New Guinea
        PH|Philippines
        PK|Pakistan
        PL|Poland
        PT|Portugal
        PW|Palau
        PY|Paraguay
        QA|Qatar
        RO|Romania
        RS|Serbia
        RU|Russia
        RW|Rwanda
        SA|Saudi Arabia
        SB|Solomon Islands
        SC|Seychelles
        SD|Sudan
        SE|Sweden
        SG|Singapore
        SI|Slovenia
        SK|Slovakia
        SL|Sierra Leone
        SM|San Marino
        SN|Senegal
        SO|Somalia
        SR|Suriname
        SS|South Sudan
        ST|Sao Tome and Principe
        SV|El Salvador
        SY|Syria
        SZ|Eswatini
        TD|Chad
        TG|Togo
        TH|Thailand
        TJ|Tajikistan
        TL|East Timor
        TM|Turkmenistan
        TN|Tunisia
        TO|Tonga
        TR|Turkey
        TT|Trinidad and Tobago
        TV|Tuvalu
        TW|Taiwan
        TZ|Tanzania
        UA|Ukraine
        UG|Uganda
        US|United States
        UY|Uruguay
        UZ|Uzbekistan
        VA|Vatican City
        VC|Saint Vincent and the Grenadines
        VE|Venezuela
        VN|Vietnam
        VU|Vanuatu
        WS|Samoa
        YE|Yemen
        ZA|South Africa
        ZM|Zambia
        ZW|Zimbabwe
        """
}
