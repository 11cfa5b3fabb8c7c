# In CI: exit 1, with a diff, when the server no longer matches the committed models.py.
directus-orm generate --url "$DIRECTUS_URL" --collection "$COLLECTION" -o models.py --check
# Hand-written models: compare every model of an importable module with the server.
PYTHONPATH=. directus-orm check --url "$DIRECTUS_URL" models
