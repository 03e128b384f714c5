//! Kinetic Physio & Sports Massage: a UK physio-style clinic with sports massage therapists.

use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
use entity::enums::BookingStatus::{CancelledByClient, Completed, Confirmed, NoShow};
use entity::enums::Modality::*;
use entity::enums::PressurePreference::{Firm, Light, Medium};

use super::spec::When::{On, Week};
use super::spec::*;
use therapists::{CIARAN, GARETH, HANNAH, PRIYA, SOPHIE, TOM};

mod therapists;

const LONDON: &str = "London Bridge";
const MANCHESTER: &str = "Manchester Northern Quarter";
const BRISTOL: &str = "Bristol Clifton";
const ANA: &str = "ana.ferreira@example.com";
const JAMES: &str = "james.whitworth@example.org";
const GRACE: &str = "grace.lewis@example.com";
const OLIVER: &str = "oliver.bennett@example.org";
const CHRISTMAS: (&str, &str, &str) = ("2026-12-25", "2026-12-28", "Christmas and Boxing Day");
const NEW_YEAR: (&str, &str, &str) = ("2027-01-01", "2027-01-01", "New Year's Day");
pub const FEBRUARY_OFFER: &str = "10% off sports massage in February";

pub static CLINIC: ClinicSpec = ClinicSpec {
    slug: "kinetic-physio",
    name: "Kinetic Physio & Sports Massage",
    description: "Physiotherapy-led sports massage for runners and triathletes, from race \
                  preparation to post-event recovery.",
    currency: "GBP",
    cancellation_cutoff_minutes: 24 * 60,
    booking_horizon_days: 365,
    time_zone: "Europe/London",
    locations: &[
        LocationSpec {
            name: LONDON,
            address_line1: "112 Borough High Street",
            address_line2: Some("First floor"),
            city: "London",
            region: None,
            postal_code: "SE1 1LB",
            country_code: "GB",
            phone: Some("+44 20 7946 0321"),
            hours: &[(WEEKDAYS, "07:00", "21:00"), (&[Sat], "08:00", "16:00")],
            closures: &[CHRISTMAS, NEW_YEAR],
            rooms: &[
                "Treatment room 1",
                "Treatment room 2",
                "Treatment room 3",
                "Treatment room 4",
            ],
        },
        LocationSpec {
            name: MANCHESTER,
            address_line1: "41 Oldham Street",
            address_line2: None,
            city: "Manchester",
            region: None,
            postal_code: "M1 1JG",
            country_code: "GB",
            phone: Some("+44 161 496 0458"),
            hours: &[(WEEKDAYS, "08:00", "20:00"), (&[Sat], "09:00", "14:00")],
            closures: &[CHRISTMAS, NEW_YEAR],
            rooms: &["Room A", "Room B", "Room C"],
        },
        LocationSpec {
            name: BRISTOL,
            address_line1: "8 Whiteladies Road",
            address_line2: None,
            city: "Bristol",
            region: None,
            postal_code: "BS8 1PD",
            country_code: "GB",
            phone: Some("+44 117 496 0733"),
            // Early and evening sessions with a closed afternoon on Mon / Wed / Fri.
            hours: &[
                (&[Mon, Wed, Fri], "08:00", "13:00"),
                (&[Mon, Wed, Fri], "15:00", "20:00"),
                (&[Tue, Thu], "12:00", "20:00"),
                (&[Sat], "09:00", "13:00"),
            ],
            closures: &[CHRISTMAS],
            rooms: &[],
        },
    ],
    therapists: therapists::THERAPISTS,
    services: &[
        ServiceSpec::new(
            "Pre-event massage",
            PreEvent,
            5,
            &[(30, 3500), (45, 4800)],
            "Light, brisk strokes to warm up the legs, ideally 2-5 days before a race.",
        ),
        ServiceSpec::new(
            "Post-event massage",
            PostEvent,
            10,
            &[(60, 6000)],
            "Slower, calming work to help recovery, 24-72 hours after a race.",
        ),
        ServiceSpec::new(
            "Maintenance massage",
            Maintenance,
            10,
            &[(60, 6000)],
            "Regular sessions every 1-4 weeks to keep a training block on track.",
        ),
        ServiceSpec::new(
            "Sports massage",
            Sports,
            10,
            &[(30, 4000), (60, 6500), (90, 9000)],
            "Deep, slow strokes with myofascial release and trigger point work.",
        ),
        ServiceSpec::new(
            "Deep tissue massage",
            DeepTissue,
            10,
            &[(60, 6500), (90, 9200)],
            "Sustained pressure on the deeper layers of muscle and fascia.",
        ),
        ServiceSpec::new(
            "Hot stone massage",
            HotStone,
            15,
            &[(90, 9500)],
            "Heated basalt stones on pressure points. No longer offered.",
        )
        .archived(),
    ],
    price_overrides: &[PriceOverride {
        service: "Sports massage",
        minutes: 60,
        location: LONDON,
        price_minor: 7500,
    }],
    promotions: &[
        PromotionSpec {
            name: FEBRUARY_OFFER,
            description: "Enter FEB10 for 10% off every sports massage in February 2027.",
            discount: Discount::Percent(10),
            code: Some("FEB10"),
            first_visit_only: false,
            // February in Europe/London (GMT, so the same as UTC).
            starts_at: "2027-02-01T00:00:00Z",
            ends_at: "2027-03-01T00:00:00Z",
            max_redemptions: None,
            max_redemptions_per_client: None,
            min_spend_minor: None,
            combines: false,
            services: &["Sports massage"],
            locations: &[],
        },
        PromotionSpec {
            name: "£5 off your first visit",
            description: "New clients get £5 off their first session, automatically.",
            discount: Discount::Fixed(500),
            code: None,
            first_visit_only: true,
            starts_at: "2026-09-01T00:00:00Z",
            ends_at: "2028-01-01T00:00:00Z",
            max_redemptions: Some(500),
            max_redemptions_per_client: Some(1),
            min_spend_minor: Some(3000),
            combines: false,
            services: &[],
            locations: &[],
        },
    ],
    clients: &[
        ClientSpec {
            email: ANA,
            name: "Ana Ferreira",
            weekly_distance_km: Some(55),
            next_race: Some(("Hackney Half Marathon", Week(1, Sun))),
            pain_areas: &["calves", "Achilles"],
            conditions: &["Achilles tendinopathy"],
            medical_notes: "Right Achilles flares after speed work; managed with heel drops.",
            pressure: Some(Firm),
        },
        ClientSpec {
            email: JAMES,
            name: "James Whitworth",
            weekly_distance_km: Some(30),
            next_race: Some(("Peak District 30K Trail", Week(10, Sun))),
            pain_areas: &["IT band", "knees"],
            conditions: &["IT band syndrome"],
            medical_notes: "",
            pressure: Some(Medium),
        },
        ClientSpec {
            email: GRACE,
            name: "Grace Lewis",
            weekly_distance_km: Some(70),
            next_race: Some(("Clifton Downs 10K", Week(3, Sat))),
            pain_areas: &["plantar fascia", "calves", "hamstrings"],
            conditions: &["plantar fasciitis"],
            medical_notes: "Wears custom orthotics; please go gently on the left heel.",
            pressure: Some(Medium),
        },
        ClientSpec {
            email: OLIVER,
            name: "Oliver Bennett",
            weekly_distance_km: Some(25),
            next_race: None,
            pain_areas: &["lower back", "hip flexors"],
            conditions: &[],
            medical_notes: "Desk job; started running this year.",
            pressure: Some(Light),
        },
    ],
    bookings: &[
        book(ANA, LONDON, HANNAH, "Sports massage", 60)
            .on(Week(-1, Tue), "08:00")
            .status(Completed)
            .notes("Tight calves after a 32 km long run."),
        book(ANA, LONDON, HANNAH, "Pre-event massage", 30)
            .on(Week(1, Thu), "07:30")
            .status(Confirmed)
            .notes("Half marathon on Sunday."),
        book(JAMES, MANCHESTER, CIARAN, "Deep tissue massage", 60)
            .on(Week(1, Mon), "10:00")
            .cancelled(
                CancelledByClient,
                "Picked up a calf strain at parkrun; will rebook once it settles.",
            ),
        book(JAMES, MANCHESTER, SOPHIE, "Sports massage", 60)
            .on(Week(-1, Fri), "18:00")
            .status(NoShow),
        book(GRACE, BRISTOL, TOM, "Post-event massage", 60)
            .on(Week(-2, Fri), "08:30")
            .status(Completed)
            .notes("Two days after a hilly half marathon."),
        book(GRACE, BRISTOL, GARETH, "Maintenance massage", 60)
            .on(Week(1, Wed), "17:00")
            .notes("Focus on the left plantar fascia."),
        book(OLIVER, LONDON, PRIYA, "Sports massage", 60)
            .on(On("2027-02-18"), "18:30")
            .status(Confirmed)
            .promotion(FEBRUARY_OFFER),
    ],
};
