# Write models.py from the server's schema (again whenever you change it on purpose).
directus-orm generate --url "$DIRECTUS_URL" --collection "$COLLECTION" -o models.py
