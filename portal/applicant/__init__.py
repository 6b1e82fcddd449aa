"""What applicants (employers, schools, the self-employed) see: the tiles, the application wizard
for every measure, their dossiers, and the enterprise's own user rights. One blueprint per
subpackage; they build on portal/services and never import portal/staff."""
