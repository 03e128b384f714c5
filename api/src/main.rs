//! The `stride` command: serve the API, migrate, export the schema, create the first admin.

use std::{
    io::{self, BufRead, IsTerminal},
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::{Parser, Subcommand};
use stride_api::{
    auth::{admin, demo_secret},
    db, demo, graphql, memory,
    settings::Settings,
    startup::Application,
    telemetry,
};

#[derive(Parser)]
#[command(
    name = "stride",
    version,
    about = "GraphQL API for sports-massage clinics"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending migrations and serve GraphQL at /graphql.
    Serve {
        /// Load the demo clinics (idempotent); a JWT secret is made if none is configured.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Write the GraphQL schema (SDL); `-` writes to stdout.
    ExportSchema {
        #[arg(long, short, default_value = "schema.graphql")]
        output: PathBuf,
    },
    /// Create the first platform admin; the password comes from STRIDE_ADMIN_PASSWORD or
    /// standard input, never from the command line.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Platform admin")]
        name: String,
    },
    /// Set a user's password and end all their sessions; the password comes from
    /// STRIDE_ADMIN_PASSWORD or standard input, never from the command line.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
}

fn main() -> ExitCode {
    // Before the runtime starts any thread.
    memory::return_large_blocks_to_the_system();
    match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime.block_on(run()),
        Err(error) => fail(error),
    }
}

async fn run() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => return fail(error),
    };
    telemetry::init(&settings);
    let result = match cli.command {
        Command::Serve { demo } => serve(settings, demo).await,
        Command::Migrate => migrate(&settings).await,
        Command::ExportSchema { output } => export_schema(&output),
        Command::CreateAdmin { email, name } => create_admin(&settings, &email, &name).await,
        Command::ResetPassword { email } => reset_password(&settings, &email).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(error),
    }
}

type CliResult = Result<(), Box<dyn std::error::Error>>;

fn fail(error: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::FAILURE
}

async fn serve(mut settings: Settings, with_demo: bool) -> CliResult {
    if with_demo {
        // The demo is for exploring: the schema browser and GraphiQL come with it.
        settings.graphql.introspection = true;
        settings.graphql.graphiql = true;
    }
    if settings.jwt_secret.is_none() {
        if !with_demo {
            return Err(
                "STRIDE_JWT_SECRET is required (at least 32 bytes) unless serving --demo".into(),
            );
        }
        settings.jwt_secret = Some(demo_secret::load_or_create(Path::new(
            demo_secret::FILE_NAME,
        ))?);
    }
    let connection = db::connect(&settings).await?;
    db::migrate(&connection)
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    if with_demo {
        demo::load(&connection)
            .await
            .map_err(|e| format!("loading demo data failed: {e}"))?;
        let password_file = Path::new(demo::logins::PASSWORD_FILE);
        let logins = demo::logins::ensure(&connection, password_file).await?;
        println!("Demo sign-ins (mutation login), one per role:");
        for login in logins {
            println!(
                "  {:<17} {:<28} {}",
                login.role, login.email, login.password
            );
        }
    }
    let app = Application::build(&settings, connection)?;
    tracing::info!(address = %settings.bind_address(), port = app.port(), "serving GraphQL at /graphql");
    app.run_until_stopped().await?;
    tracing::info!("stopped");
    Ok(())
}

async fn migrate(settings: &Settings) -> CliResult {
    let connection = db::connect(settings).await?;
    db::migrate(&connection)
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    eprintln!("migrations applied");
    Ok(())
}

fn export_schema(output: &Path) -> CliResult {
    let sdl = graphql::sdl();
    if output == Path::new("-") {
        print!("{sdl}");
    } else {
        std::fs::write(output, sdl)?;
        eprintln!("wrote {}", output.display());
    }
    Ok(())
}

async fn create_admin(settings: &Settings, email: &str, name: &str) -> CliResult {
    let (connection, password) = operator_session(settings).await?;
    admin::create_platform_admin(&connection, email, name, password)
        .await
        .map_err(|e| e.message())?;
    eprintln!("platform admin {email} is ready");
    Ok(())
}

async fn reset_password(settings: &Settings, email: &str) -> CliResult {
    let (connection, password) = operator_session(settings).await?;
    admin::reset_password(&connection, email, password)
        .await
        .map_err(|e| e.message())?;
    eprintln!("the password of {email} is set and all its sessions have ended");
    Ok(())
}

/// What the password commands share: the password (from `STRIDE_ADMIN_PASSWORD` or
/// standard input, never the command line) and a migrated database.
async fn operator_session(
    settings: &Settings,
) -> Result<(sea_orm::DatabaseConnection, String), Box<dyn std::error::Error>> {
    let password = match &settings.admin_password {
        Some(password) => password.expose().to_owned(),
        None => read_password()?,
    };
    let connection = db::connect(settings).await?;
    db::migrate(&connection)
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    Ok((connection, password))
}

fn read_password() -> io::Result<String> {
    if io::stdin().is_terminal() {
        eprint!("new password (input is shown): ");
    }
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
