//! Sabai Thai Massage: a Scottish studio for Thai sports massage and assisted stretching.

use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
use entity::enums::BookingStatus::{Completed, Confirmed};
use entity::enums::CredentialKind::Certification;
use entity::enums::Modality::*;
use entity::enums::PressurePreference::{Firm, Medium};

use super::spec::When::Week;
use super::spec::*;

const EDINBURGH: &str = "Edinburgh Stockbridge";
const GLASGOW: &str = "Glasgow West End";
const MALEE: &str = "Malee Srisuk";
const NIRAN: &str = "Niran Chaiyaporn";
const KANYA: &str = "Kanya Wongsa";
const FIONA: &str = "Fiona MacLeod";
const EILIDH: &str = "eilidh.fraser@example.com";
const CALLUM: &str = "callum.reid@example.org";
const HOLIDAYS: &[(&str, &str, &str)] = &[
    ("2026-12-25", "2026-12-26", "Christmas"),
    ("2027-01-01", "2027-01-04", "New Year bank holidays"),
];
const TUE_TO_FRI: &[chrono::Weekday] = &[Tue, Wed, Thu, Fri];

pub static CLINIC: ClinicSpec = ClinicSpec {
    slug: "sabai-thai",
    name: "Sabai Thai Massage",
    description: "Traditional Thai and Thai sports massage with assisted stretching, for \
                  runners, climbers and anyone who sits too much.",
    currency: "GBP",
    cancellation_cutoff_minutes: 12 * 60,
    booking_horizon_days: 90,
    time_zone: "Europe/London",
    locations: &[
        LocationSpec {
            name: EDINBURGH,
            address_line1: "14 Raeburn Place",
            address_line2: None,
            city: "Edinburgh",
            region: Some("Scotland"),
            postal_code: "EH4 1HN",
            country_code: "GB",
            phone: Some("+44 131 496 0514"),
            // Closed for lunch from Tuesday to Friday.
            hours: &[
                (TUE_TO_FRI, "10:00", "13:30"),
                (TUE_TO_FRI, "14:30", "20:00"),
                (&[Sat], "10:00", "17:00"),
                (&[Sun], "11:00", "16:00"),
            ],
            closures: HOLIDAYS,
            rooms: &["Jasmine", "Lotus", "Orchid"],
        },
        LocationSpec {
            name: GLASGOW,
            address_line1: "203 Byres Road",
            address_line2: Some("Ground floor"),
            city: "Glasgow",
            region: Some("Scotland"),
            postal_code: "G12 8TN",
            country_code: "GB",
            phone: Some("+44 141 496 0288"),
            hours: &[
                (WEEKDAYS, "11:00", "14:00"),
                (WEEKDAYS, "15:00", "20:00"),
                (&[Sat], "10:00", "18:00"),
            ],
            closures: HOLIDAYS,
            rooms: &["Bamboo", "Teak"],
        },
    ],
    therapists: &[
        TherapistSpec {
            name: MALEE,
            bio: "Trained at Wat Pho in Bangkok; twenty years of traditional Thai massage, \
                  now splitting her week between Edinburgh and Glasgow.",
            credential_kind: Certification,
            credential_body: "Complementary and Natural Healthcare Council",
            credential_number: "CNHC 0097214",
            buffer_minutes: 15,
            specialties: &[Thai, ThaiSports, AssistedStretching, DeepTissue],
            shifts: &[
                (EDINBURGH, &[Tue, Wed], "10:00", "13:30"),
                (EDINBURGH, &[Tue, Wed], "14:30", "20:00"),
                (GLASGOW, &[Thu, Fri], "11:00", "14:00"),
                (GLASGOW, &[Thu, Fri], "15:00", "20:00"),
            ],
            time_off: None,
        },
        TherapistSpec {
            name: NIRAN,
            bio: "Ex-Muay Thai fighter turned Thai sports massage therapist; combines deep \
                  work with dynamic stretching before and after races.",
            credential_kind: Certification,
            credential_body: "Sports Massage Association",
            credential_number: "SMA-06102",
            buffer_minutes: 10,
            specialties: &[ThaiSports, Sports, AssistedStretching, PreEvent, PostEvent],
            shifts: &[
                (EDINBURGH, &[Thu, Fri], "10:00", "13:30"),
                (EDINBURGH, &[Thu, Fri], "14:30", "20:00"),
                (EDINBURGH, &[Sat], "10:00", "17:00"),
            ],
            time_off: None,
        },
        TherapistSpec {
            name: KANYA,
            bio: "Weekend specialist in assisted stretching and myofascial release for \
                  hill runners with tight hips and hamstrings.",
            credential_kind: Certification,
            credential_body: "Wat Pho Thai Traditional Medical School",
            credential_number: "WP-2016-08852",
            buffer_minutes: 10,
            specialties: &[Thai, ThaiSports, AssistedStretching, MyofascialRelease],
            shifts: &[
                (EDINBURGH, &[Sat], "10:00", "17:00"),
                (EDINBURGH, &[Sun], "11:00", "16:00"),
            ],
            time_off: None,
        },
        TherapistSpec {
            name: FIONA,
            bio: "Blends Thai and Swedish techniques; hot stone and maintenance sessions \
                  for runners in a marathon block.",
            credential_kind: Certification,
            credential_body: "Federation of Holistic Therapists",
            credential_number: "FHT 1183420",
            buffer_minutes: 5,
            specialties: &[Thai, Swedish, HotStone, Maintenance],
            shifts: &[
                (GLASGOW, &[Mon, Tue, Wed], "11:00", "14:00"),
                (GLASGOW, &[Mon, Tue, Wed], "15:00", "20:00"),
                (GLASGOW, &[Sat], "10:00", "18:00"),
            ],
            time_off: Some(TimeOff {
                first: Week(2, Mon),
                last: Week(2, Wed),
                reason: "Family wedding on Skye",
            }),
        },
    ],
    services: &[
        ServiceSpec::new(
            "Traditional Thai massage",
            Thai,
            15,
            &[(60, 5500), (90, 7500)],
            "Fully clothed, on a mat: rhythmic pressure along energy lines and yoga-like stretches.",
        ),
        ServiceSpec::new(
            "Thai sports massage",
            ThaiSports,
            15,
            &[(60, 6000), (90, 8000)],
            "Thai stretching combined with deep tissue work on the legs, hips and back.",
        ),
        ServiceSpec::new(
            "Assisted stretching",
            AssistedStretching,
            5,
            &[(30, 3000), (60, 5000)],
            "Therapist-led stretching to restore range of motion in hips, hamstrings and calves.",
        ),
        ServiceSpec::new(
            "Thai-Swedish fusion massage",
            Swedish,
            10,
            &[(60, 5800), (90, 7800)],
            "Long gliding Swedish strokes and kneading with gentle Thai stretches, on a table.",
        ),
        ServiceSpec::new(
            "Thai hot stone massage",
            HotStone,
            15,
            &[(90, 8500)],
            "Warm stones with Thai massage. Retired for the winter menu.",
        )
        .archived(),
    ],
    price_overrides: &[PriceOverride {
        service: "Thai sports massage",
        minutes: 90,
        location: EDINBURGH,
        price_minor: 8500,
    }],
    promotions: &[],
    clients: &[
        ClientSpec {
            email: EILIDH,
            name: "Eilidh Fraser",
            weekly_distance_km: Some(45),
            next_race: Some(("Arthur's Seat Hill Race", Week(6, Sun))),
            pain_areas: &["quadriceps", "glutes", "knees"],
            conditions: &["patellofemoral pain"],
            medical_notes: "Knee pain on long descents; physio-approved for massage.",
            pressure: Some(Firm),
        },
        ClientSpec {
            email: CALLUM,
            name: "Callum Reid",
            weekly_distance_km: Some(20),
            next_race: None,
            pain_areas: &["shins", "calves"],
            conditions: &["shin splints"],
            medical_notes: "Back to running after six weeks off with shin splints.",
            pressure: Some(Medium),
        },
    ],
    bookings: &[
        book(EILIDH, EDINBURGH, NIRAN, "Thai sports massage", 90)
            .on(Week(-1, Thu), "15:00")
            .status(Completed)
            .notes("Quads and glutes after a hill session."),
        book(EILIDH, EDINBURGH, KANYA, "Assisted stretching", 60)
            .on(Week(1, Sat), "10:00")
            .status(Confirmed),
        book(CALLUM, GLASGOW, MALEE, "Traditional Thai massage", 60)
            .on(Week(1, Thu), "16:00")
            .notes("Gentle on the shins, please."),
    ],
};
