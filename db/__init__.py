"""Storage: models, the async engine and sessions, repositories, migrations."""
