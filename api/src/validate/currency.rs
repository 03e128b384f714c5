//! ISO 4217 currency codes in circulation (no funds, metals or test codes).

use crate::error::{ApiError, ApiResult};

const CODES: [&str; 155] = [
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL",
];

/// An ISO 4217 code, stored upper-case.
pub fn currency(field: &str, value: &str) -> ApiResult<String> {
    let code = value.trim().to_uppercase();
    if CODES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(ApiError::validation(
            field,
            "must be an ISO 4217 currency code such as GBP",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::currency;

    #[test]
    fn only_real_currency_codes_pass() {
        assert_eq!(currency("c", "gbp").as_deref(), Ok("GBP"));
        assert_eq!(currency("c", "USD").as_deref(), Ok("USD"));
        for bad in ["", "GB", "ABC", "XXX", "POUNDS"] {
            assert!(currency("c", bad).is_err(), "{bad}");
        }
    }
}
