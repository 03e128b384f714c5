//! Peak Chiropractic & Physical Medicine: a Colorado practice with licensed massage therapists.

use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
use entity::enums::BookingStatus::{CancelledByClinic, Completed, Confirmed};
use entity::enums::CredentialKind::Licence;
use entity::enums::Modality::*;
use entity::enums::PressurePreference::{Deep, Medium};

use super::spec::When::Week;
use super::spec::*;

const BOULDER: &str = "Boulder";
const DENVER: &str = "Denver Cherry Creek";
const DANA: &str = "Dana Whitfield, LMT";
const MARCUS: &str = "Marcus Reyes, LMT";
const ALYSSA: &str = "Alyssa Chen, LMT";
const JORDAN: &str = "Jordan Blake, LMT";
const MAYA: &str = "maya.thompson@example.com";
const BEN: &str = "ben.alvarez@example.org";
const LICENSING: &str = "Colorado Office of Massage Therapy Licensure";
const HOLIDAYS: &[(&str, &str, &str)] = &[
    ("2026-11-26", "2026-11-27", "Thanksgiving"),
    ("2026-12-24", "2026-12-25", "Christmas"),
    ("2027-01-01", "2027-01-01", "New Year's Day"),
];

pub static CLINIC: ClinicSpec = ClinicSpec {
    slug: "peak-chiropractic",
    name: "Peak Chiropractic & Physical Medicine",
    description: "Chiropractic care, physical medicine and licensed massage therapy for \
                  Front Range runners, cyclists and climbers.",
    currency: "USD",
    cancellation_cutoff_minutes: 24 * 60,
    booking_horizon_days: 90,
    time_zone: "America/Denver",
    locations: &[
        LocationSpec {
            name: BOULDER,
            address_line1: "2525 Arapahoe Avenue",
            address_line2: Some("Suite E4"),
            city: "Boulder",
            region: Some("CO"),
            postal_code: "80302",
            country_code: "US",
            phone: Some("+1 303-555-0142"),
            // Closed over lunch on weekdays.
            hours: &[
                (WEEKDAYS, "07:00", "12:00"),
                (WEEKDAYS, "13:00", "19:00"),
                (&[Sat], "08:00", "12:00"),
            ],
            closures: HOLIDAYS,
            rooms: &["Massage 1", "Massage 2", "Massage 3"],
        },
        LocationSpec {
            name: DENVER,
            address_line1: "240 Milwaukee Street",
            address_line2: Some("Suite 210"),
            city: "Denver",
            region: Some("CO"),
            postal_code: "80206",
            country_code: "US",
            phone: Some("+1 720-555-0187"),
            hours: &[
                (&[Mon, Tue, Wed, Thu], "08:00", "18:00"),
                (&[Fri], "08:00", "16:00"),
                (&[Sat], "09:00", "13:00"),
            ],
            closures: HOLIDAYS,
            rooms: &["Suite A", "Suite B"],
        },
    ],
    therapists: &[
        TherapistSpec {
            name: DANA,
            bio: "Licensed massage therapist since 2011; myofascial release, trigger point \
                  and active release work for ultrarunners.",
            credential_kind: Licence,
            credential_body: LICENSING,
            credential_number: "MT.0019384",
            buffer_minutes: 10,
            specialties: &[
                Sports,
                DeepTissue,
                MyofascialRelease,
                TriggerPoint,
                ActiveRelease,
                PreEvent,
                PostEvent,
            ],
            shifts: &[
                (BOULDER, &[Mon, Tue, Thu], "07:00", "12:00"),
                (BOULDER, &[Mon, Tue, Thu], "13:00", "17:00"),
            ],
            time_off: None,
        },
        TherapistSpec {
            name: MARCUS,
            bio: "Works alongside the practice's chiropractors on runners returning from \
                  injury; sports and deep tissue massage in Boulder and Denver.",
            credential_kind: Licence,
            credential_body: LICENSING,
            credential_number: "MT.0023517",
            buffer_minutes: 15,
            specialties: &[Sports, DeepTissue, ActiveRelease, Maintenance, PostEvent],
            shifts: &[
                (BOULDER, &[Wed, Fri], "13:00", "19:00"),
                (DENVER, &[Mon, Tue, Thu], "10:00", "18:00"),
            ],
            time_off: None,
        },
        TherapistSpec {
            name: ALYSSA,
            bio: "Swedish, hot stone and recovery massage; favourite of the Cherry Creek \
                  marathon crowd after race weekend.",
            credential_kind: Licence,
            credential_body: LICENSING,
            credential_number: "MT.0027706",
            buffer_minutes: 5,
            specialties: &[Swedish, HotStone, Maintenance, MyofascialRelease, PostEvent],
            shifts: &[
                (DENVER, &[Tue, Wed, Fri], "08:00", "16:00"),
                (DENVER, &[Sat], "09:00", "13:00"),
            ],
            time_off: None,
        },
        TherapistSpec {
            name: JORDAN,
            bio: "Assisted stretching and pre-race work for road and trail runners; former \
                  collegiate steeplechaser.",
            credential_kind: Licence,
            credential_body: LICENSING,
            credential_number: "MT.0031042",
            buffer_minutes: 0,
            specialties: &[AssistedStretching, Sports, PreEvent, DeepTransverseFriction],
            shifts: &[
                (BOULDER, &[Wed, Fri], "07:00", "12:00"),
                (BOULDER, &[Sat], "08:00", "12:00"),
            ],
            time_off: Some(TimeOff {
                first: Week(4, Mon),
                last: Week(4, Fri),
                reason: "Continuing education: PNF stretching certification",
            }),
        },
    ],
    services: &[
        ServiceSpec::new(
            "Sports massage",
            Sports,
            10,
            &[(60, 11000), (90, 15500)],
            "Deep, slow strokes with myofascial release and trigger point work for athletes.",
        ),
        ServiceSpec::new(
            "Deep tissue massage",
            DeepTissue,
            10,
            &[(60, 11500), (90, 16000)],
            "Firm, sustained pressure on deep muscle and fascia.",
        ),
        ServiceSpec::new(
            "Pre-event massage",
            PreEvent,
            5,
            &[(30, 6000), (45, 8000)],
            "Quick, stimulating work 2-5 days before race day.",
        ),
        ServiceSpec::new(
            "Post-event recovery massage",
            PostEvent,
            10,
            &[(60, 10500)],
            "Gentle flushing strokes 24-72 hours after a race.",
        ),
        ServiceSpec::new(
            "Swedish massage",
            Swedish,
            10,
            &[(60, 9500), (90, 13500)],
            "Effleurage and petrissage for relaxation and circulation.",
        ),
        ServiceSpec::new(
            "Hot stone massage",
            HotStone,
            15,
            &[(90, 15000)],
            "Heated basalt stones on pressure points.",
        ),
        ServiceSpec::new(
            "Assisted stretching",
            AssistedStretching,
            5,
            &[(30, 5500), (60, 9500)],
            "One-on-one PNF and active-isolated stretching.",
        ),
        ServiceSpec::new(
            "Trigger point therapy",
            TriggerPoint,
            5,
            &[(30, 6500)],
            "Now part of the sports and deep tissue massages.",
        )
        .archived(),
    ],
    price_overrides: &[PriceOverride {
        service: "Sports massage",
        minutes: 60,
        location: DENVER,
        price_minor: 12000,
    }],
    promotions: &[],
    clients: &[
        ClientSpec {
            email: MAYA,
            name: "Maya Thompson",
            weekly_distance_km: Some(80),
            next_race: Some(("Flatirons Trail Half Marathon", Week(1, Sun))),
            pain_areas: &["IT band", "calves", "Achilles"],
            conditions: &[],
            medical_notes: "",
            pressure: Some(Deep),
        },
        ClientSpec {
            email: BEN,
            name: "Ben Alvarez",
            weekly_distance_km: Some(40),
            next_race: Some(("Cherry Creek Half Marathon", Week(0, Sun))),
            pain_areas: &["hamstrings", "glutes", "lower back"],
            conditions: &[],
            medical_notes: "Mild lower back stiffness; sees Dr. Patel for adjustments.",
            pressure: Some(Medium),
        },
    ],
    bookings: &[
        book(MAYA, BOULDER, DANA, "Sports massage", 90)
            .on(Week(-1, Mon), "09:00")
            .status(Completed)
            .notes("IT band and calves after a 50 km week on the Mesa Trail."),
        book(MAYA, BOULDER, JORDAN, "Pre-event massage", 45)
            .on(Week(1, Fri), "07:30")
            .status(Confirmed)
            .notes("Trail half marathon on Sunday."),
        book(BEN, DENVER, MARCUS, "Deep tissue massage", 60)
            .on(Week(1, Thu), "11:00")
            .cancelled(
                CancelledByClinic,
                "Therapist unwell; the front desk will call to rebook.",
            ),
        book(BEN, DENVER, ALYSSA, "Post-event recovery massage", 60)
            .on(Week(1, Tue), "15:00")
            .notes("Two days after the half marathon."),
    ],
};
