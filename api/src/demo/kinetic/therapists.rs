//! Kinetic's sports massage therapists and their weekly schedules.

use chrono::Weekday::{Fri, Mon, Sat, Thu, Tue, Wed};
use entity::enums::CredentialKind::Certification;
use entity::enums::Modality::*;

use super::{BRISTOL, LONDON, MANCHESTER};
use crate::demo::spec::When::Week;
use crate::demo::spec::{TherapistSpec, TimeOff};

pub const HANNAH: &str = "Hannah Okafor";
pub const TOM: &str = "Tom Gallagher";
pub const PRIYA: &str = "Priya Desai";
pub const CIARAN: &str = "Ciaran Walsh";
pub const SOPHIE: &str = "Sophie Brennan";
pub const GARETH: &str = "Gareth Price";
const SMA: &str = "Sports Massage Association";
const CNHC: &str = "Complementary and Natural Healthcare Council";

pub const THERAPISTS: &[TherapistSpec] = &[
    TherapistSpec {
        name: HANNAH,
        bio: "Level 5 sports massage therapist and six-time London Marathon finisher; \
              works mostly with endurance runners on calves, Achilles and hamstrings.",
        credential_kind: Certification,
        credential_body: SMA,
        credential_number: "SMA-04817",
        buffer_minutes: 10,
        specialties: &[
            Sports,
            DeepTissue,
            PreEvent,
            PostEvent,
            Maintenance,
            MyofascialRelease,
        ],
        shifts: &[
            (LONDON, &[Mon, Tue, Thu], "07:00", "15:00"),
            (LONDON, &[Sat], "08:00", "14:00"),
        ],
        time_off: None,
    },
    TherapistSpec {
        name: TOM,
        bio: "Soft tissue therapist splitting the week between London and Bristol; \
              friction and trigger point work for stubborn IT band and knee problems.",
        credential_kind: Certification,
        credential_body: CNHC,
        credential_number: "CNHC 0115872",
        buffer_minutes: 15,
        specialties: &[
            Sports,
            DeepTransverseFriction,
            TriggerPoint,
            Maintenance,
            PostEvent,
        ],
        shifts: &[
            (LONDON, &[Mon, Tue, Wed], "12:00", "21:00"),
            (BRISTOL, &[Thu], "12:00", "20:00"),
            (BRISTOL, &[Fri], "08:00", "13:00"),
            (BRISTOL, &[Fri], "15:00", "20:00"),
        ],
        time_off: Some(TimeOff {
            first: Week(3, Mon),
            last: Week(3, Fri),
            reason: "CPD course: advanced soft tissue techniques",
        }),
    },
    TherapistSpec {
        name: PRIYA,
        bio: "Former county 800 m runner; pre-event preparation, post-race recovery and \
              assisted stretching for track and road athletes.",
        credential_kind: Certification,
        credential_body: SMA,
        credential_number: "SMA-05262",
        buffer_minutes: 5,
        specialties: &[Sports, PreEvent, PostEvent, Swedish, AssistedStretching],
        shifts: &[
            (LONDON, &[Wed, Thu, Fri], "13:00", "21:00"),
            (LONDON, &[Sat], "10:00", "16:00"),
        ],
        time_off: None,
    },
    TherapistSpec {
        name: CIARAN,
        bio: "Deep tissue and active release specialist who treats fell runners and \
              cyclists from across the North West.",
        credential_kind: Certification,
        credential_body: CNHC,
        credential_number: "CNHC 0123094",
        buffer_minutes: 0,
        specialties: &[Sports, DeepTissue, ActiveRelease, Maintenance],
        shifts: &[(MANCHESTER, &[Mon, Tue, Wed, Thu], "08:00", "16:00")],
        time_off: None,
    },
    TherapistSpec {
        name: SOPHIE,
        bio: "Maintenance massage for runners in a marathon block, plus calming \
              post-event sessions after race weekend.",
        credential_kind: Certification,
        credential_body: SMA,
        credential_number: "SMA-03990",
        buffer_minutes: 10,
        specialties: &[Sports, Swedish, Maintenance, PreEvent, PostEvent],
        shifts: &[
            (MANCHESTER, &[Tue, Wed, Thu, Fri], "12:00", "20:00"),
            (MANCHESTER, &[Sat], "09:00", "14:00"),
        ],
        time_off: None,
    },
    TherapistSpec {
        name: GARETH,
        bio: "Sports massage therapist to a Bristol triathlon club; myofascial release \
              and plantar fascia work.",
        credential_kind: Certification,
        credential_body: SMA,
        credential_number: "SMA-04402",
        buffer_minutes: 5,
        specialties: &[
            Sports,
            DeepTissue,
            PreEvent,
            PostEvent,
            Maintenance,
            MyofascialRelease,
        ],
        shifts: &[
            (BRISTOL, &[Mon, Wed], "08:00", "13:00"),
            (BRISTOL, &[Mon, Wed], "15:00", "20:00"),
            (BRISTOL, &[Tue], "12:00", "20:00"),
            (BRISTOL, &[Sat], "09:00", "13:00"),
        ],
        time_off: None,
    },
];
