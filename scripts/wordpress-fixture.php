<?php
/**
 * Fills a fresh WordPress with a small cluster website and writes its export (WXR), as
 * Tools → Export → All content does. Run by scripts/wordpress-fixture.sh:
 *
 *   php scripts/wordpress-fixture.php WORDPRESS_DIR OUTPUT.xml
 *
 * Everything goes through WordPress's own functions (wp_install, wp_insert_post,
 * wp_insert_attachment, wp_generate_attachment_metadata, export_wp), so the export has the shape
 * a real site gives. The texts are invented for this fixture.
 */
[$script, $wordpress, $output] = $argv + [null, null, null];
if (!$wordpress || !$output) {
    fwrite(STDERR, "Usage: php wordpress-fixture.php WORDPRESS_DIR OUTPUT.xml\n");
    exit(1);
}
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = 'www.battery-materials-cluster.example';
require $wordpress . '/wp-load.php';

// The installer mails the new site's password to its admin; there is nobody to tell.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/export.php';

wp_install('Battery Materials Cluster', 'siteadmin', 'webmaster@battery-materials-cluster.example', true, '', 'not-a-real-password-1');
update_option('timezone_string', 'Europe/Brussels');
update_option('blogdescription', 'Raw materials for batteries, made in Europe');
update_option('uploads_use_yearmonth_folders', 1);
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%day%/%postname%/');

// The Events Calendar's post types, as the plug-in registers them (only registered types are exported).
register_post_type('tribe_events', ['public' => true, 'label' => 'Events', 'can_export' => true, 'rewrite' => ['slug' => 'event']]);
register_post_type('tribe_venue', ['public' => false, 'show_ui' => true, 'label' => 'Venues', 'can_export' => true]);
register_taxonomy('tribe_events_cat', 'tribe_events', ['public' => true, 'label' => 'Event categories', 'rewrite' => ['slug' => 'events/category']]);

function fail_on_error($result, string $what) {
    if (is_wp_error($result) || !$result) {
        fwrite(STDERR, "Could not create $what: " . (is_wp_error($result) ? $result->get_error_message() : 'no id') . "\n");
        exit(1);
    }
    return $result;
}

function post(array $fields): int {
    return fail_on_error(wp_insert_post($fields + ['post_status' => 'publish', 'post_author' => 2], true), $fields['post_title']);
}

/** A JPEG drawn with GD: a sky, hills, a title. */
function jpeg(string $title, array $sky, array $ground): string {
    $image = imagecreatetruecolor(800, 500);
    imagefilledrectangle($image, 0, 0, 800, 500, imagecolorallocate($image, ...$sky));
    $hill = imagecolorallocate($image, ...$ground);
    imagefilledellipse($image, 250, 520, 900, 300, $hill);
    imagefilledellipse($image, 650, 540, 700, 260, imagecolorallocate($image, intdiv($ground[0], 2), intdiv($ground[1], 2), intdiv($ground[2], 2)));
    imagestring($image, 5, 24, 24, $title, imagecolorallocate($image, 20, 20, 20));
    ob_start();
    imagejpeg($image, null, 60);
    return ob_get_clean();
}

/** A one-page PDF with a line of text, its cross-reference table counted byte by byte. */
function pdf(string $text): string {
    $stream = 'BT /F1 14 Tf 72 720 Td (' . addcslashes($text, '()\\') . ') Tj ET';
    $objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
        '<< /Length ' . strlen($stream) . " >>\nstream\n$stream\nendstream",
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ];
    $pdf = "%PDF-1.4\n";
    $offsets = [];
    foreach ($objects as $i => $object) {
        $offsets[] = strlen($pdf);
        $pdf .= ($i + 1) . " 0 obj\n$object\nendobj\n";
    }
    $xref = strlen($pdf);
    $pdf .= "xref\n0 " . (count($objects) + 1) . "\n0000000000 65535 f \n";
    foreach ($offsets as $offset) $pdf .= sprintf("%010d 00000 n \n", $offset);
    return $pdf . "trailer\n<< /Size " . (count($objects) + 1) . " /Root 1 0 R >>\nstartxref\n$xref\n%%EOF\n";
}

/** Uploads a file into wp-content/uploads/YYYY/MM and makes it an attachment, with the sizes WordPress makes of images. */
function attachment(string $name, string $bits, string $mime, string $month, array $fields, int $parent = 0): int {
    $upload = wp_upload_bits($name, null, $bits, $month);
    if ($upload['error']) fail_on_error(false, "$name: {$upload['error']}");
    $id = fail_on_error(wp_insert_attachment($fields + ['post_mime_type' => $mime, 'post_status' => 'inherit', 'post_author' => 2], $upload['file'], $parent, true), $name);
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $upload['file']));
    return $id;
}

$editor = fail_on_error(wp_insert_user([
    'user_login' => 'ljanssens', 'user_email' => 'lotte.janssens@battery-materials-cluster.example', 'user_pass' => 'not-a-real-password-2',
    'display_name' => 'Lotte Janssens', 'first_name' => 'Lotte', 'last_name' => 'Janssens', 'role' => 'editor',
]), 'the editor');

$news = fail_on_error(wp_insert_term('Project news', 'category', ['slug' => 'project-news']), 'a category')['term_id'];
$results = fail_on_error(wp_insert_term('Results', 'category', ['slug' => 'results', 'parent' => $news]), 'a category')['term_id'];
$meetings = fail_on_error(wp_insert_term('Meetings', 'category', ['slug' => 'meetings']), 'a category')['term_id'];
$webinars = fail_on_error(wp_insert_term('Webinars', 'tribe_events_cat', ['slug' => 'webinars']), 'an event category')['term_id'];

// Attachments first, so that posts can show them; they are attached to their posts below.
$flotation = attachment('flotation-cells.jpg', jpeg('Flotation cells, pilot line 2', [170, 200, 230], [90, 140, 80]), 'image/jpeg', '2024/03', [
    'post_title' => 'Flotation cells', 'post_excerpt' => 'The second flotation line during its first week of operation.', 'post_date' => '2024-03-11 16:02:00',
]);
update_post_meta($flotation, '_wp_attachment_image_alt', 'A row of grey flotation cells in a pilot hall');
$gallery = [];
foreach ([['leuven-workshop-1.jpg', 'Opening talk', [200, 190, 160]], ['leuven-workshop-2.jpg', 'Poster session', [160, 190, 210]], ['leuven-workshop-3.jpg', 'Lab visit', [210, 180, 200]]] as [$file, $title, $sky]) {
    $id = attachment($file, jpeg("Leuven workshop: $title", $sky, [120, 120, 110]), 'image/jpeg', '2024/05', ['post_title' => $title, 'post_date' => '2024-05-06 09:15:00']);
    update_post_meta($id, '_wp_attachment_image_alt', "Recycling workshop in Leuven: $title");
    $gallery[] = $id;
}
$report = attachment('black-mass-leaching-summary.pdf', pdf('Black mass leaching: summary of the 2024 test campaign'), 'application/pdf', '2024/06', [
    'post_title' => 'Black mass leaching: summary of the 2024 test campaign', 'post_content' => 'Twelve pages on the leaching tests.', 'post_date' => '2024-06-20 11:00:00',
]);

$flotation_url = wp_get_attachment_url($flotation);
$first = post([
    'post_title' => 'Pilot flotation line produces its first spodumene concentrate',
    'post_name' => 'first-spodumene-concentrate',
    'post_date' => '2024-03-12 10:30:00',
    'post_category' => [$news],
    'tags_input' => ['lithium', 'flotation', 'pilot plant'],
    'post_excerpt' => 'After three weeks of tuning, the second pilot line reached a concentrate grade of 6 % Li₂O.',
    'post_content' => "After three weeks of tuning reagents and air flow, the second pilot flotation line reached a concentrate grade of 6 % Li₂O on ore from the northern pit.\n\n"
        . "[caption id=\"attachment_$flotation\" align=\"alignright\" width=\"300\"]<img class=\"size-medium wp-image-$flotation\" src=\"$flotation_url\" alt=\"A row of grey flotation cells in a pilot hall\" width=\"300\" height=\"188\" /> The second line during its first week.[/caption]\n\n"
        . "The team will now run the line for a month without a stop, to see how the grade holds when the ore changes. A short film of the start-up:\n\n"
        . "https://www.youtube.com/watch?v=aqz-KE-bpKQ\n\n"
        . "Questions about the tests go to the <a href=\"/about-the-cluster/contact-points/\">contact points</a>.",
]);
set_post_thumbnail($first, $flotation);
wp_update_post(['ID' => $flotation, 'post_parent' => $first]);

$workshop = post([
    'post_title' => 'Photos from the recycling workshop in Leuven',
    'post_name' => 'recycling-workshop-leuven',
    'post_date' => '2024-05-06 18:45:00',
    'post_category' => [$meetings],
    'tags_input' => ['recycling', 'black mass'],
    'post_content' => "Forty people from nine projects spent a day on the recycling of black mass. A few pictures:\n\n[gallery columns=\"3\" link=\"file\" ids=\"" . implode(',', $gallery) . "\"]\n\n"
        . "[embed width=\"560\"]https://vimeo.com/76979871[/embed]",
]);
foreach ($gallery as $id) wp_update_post(['ID' => $id, 'post_parent' => $workshop]);
set_post_thumbnail($workshop, $gallery[0]);

$report_url = wp_get_attachment_url($report);
$leaching = post([
    'post_title' => 'Black mass leaching results are out',
    'post_name' => 'black-mass-leaching-results',
    'post_date' => '2024-06-20 14:05:00',
    'post_category' => [$results],
    'tags_input' => ['recycling', 'hydrometallurgy'],
    'post_content' => "<!-- wp:paragraph -->\n<p>The 2024 test campaign leached black mass from three kinds of cells with sulphuric acid and hydrogen peroxide. Cobalt and nickel recoveries stayed above 95 %.</p>\n<!-- /wp:paragraph -->\n\n"
        . "<!-- wp:heading -->\n<h2>What comes next</h2>\n<!-- /wp:heading -->\n\n"
        . "<!-- wp:list -->\n<ul><li>tests with methanesulfonic acid;</li><li>a larger reactor in the autumn.</li></ul>\n<!-- /wp:list -->\n\n"
        . "<!-- wp:file {\"id\":$report,\"href\":\"$report_url\"} -->\n<div class=\"wp-block-file\"><a href=\"$report_url\">Read the summary (PDF)</a></div>\n<!-- /wp:file -->",
]);
wp_update_post(['ID' => $report, 'post_parent' => $leaching]);
post([
    'post_title' => 'Ideas for the autumn newsletter',
    'post_status' => 'draft',
    'post_date' => '2024-07-01 09:00:00',
    'post_category' => [$news],
    'post_content' => 'Interview with the new chair; a map of the pilot plants; the webinar series.',
]);

// Pages in a hierarchy three deep, and one on its own.
$about = post(['post_type' => 'page', 'post_title' => 'About the cluster', 'post_name' => 'about-the-cluster', 'post_date' => '2023-01-10 12:00:00',
    'post_content' => "The cluster brings together research projects that work on battery raw materials from European sources.\n\nIt started as a workshop in 2022 and has met every year since."]);
post(['post_type' => 'page', 'post_title' => 'Contact points', 'post_name' => 'contact-points', 'post_parent' => $about, 'menu_order' => 2, 'post_date' => '2023-01-10 12:05:00',
    'post_content' => 'Each member project names one person who answers questions about its work. Write to the secretariat to be put in touch.']);
$steering = post(['post_type' => 'page', 'post_title' => 'Steering group', 'post_name' => 'steering-group', 'post_parent' => $about, 'menu_order' => 1, 'post_date' => '2023-01-10 12:10:00',
    'post_content' => 'Five project coordinators steer the cluster, for two years at a time.']);
post(['post_type' => 'page', 'post_title' => 'Past chairs', 'post_name' => 'past-chairs', 'post_parent' => $steering, 'post_date' => '2024-02-01 08:00:00',
    'post_content' => "<ul>\n<li>2022–2023: the coordinator of a lithium refining project</li>\n<li>2023–2024: the coordinator of a recycling project</li>\n</ul>"]);
post(['post_type' => 'page', 'post_title' => 'How to join', 'post_name' => 'how-to-join', 'post_date' => '2023-01-11 12:00:00',
    'post_content' => 'Projects funded by Horizon Europe that work on raw materials for batteries are welcome. Tell the secretariat about yours.']);

// The Events Calendar: a venue and two events, their times in their own zones as the plug-in stores them.
$venue = post(['post_type' => 'tribe_venue', 'post_title' => 'Hall of the Mineral Sciences Faculty', 'post_name' => 'mineral-sciences-hall', 'post_date' => '2024-08-01 10:00:00', 'post_content' => '']);
foreach (['_VenueAddress' => 'Rue de l’Exemple 12', '_VenueCity' => 'Brussels', '_VenueZip' => '1050', '_VenueCountry' => 'Belgium', '_VenueShowMap' => 'true'] as $key => $value) update_post_meta($venue, $key, $value);

function event(array $fields, string $start, string $end, string $zone, array $meta): int {
    $id = post($fields + ['post_type' => 'tribe_events']);
    $utc = fn (string $local) => (new DateTime($local, new DateTimeZone($zone)))->setTimezone(new DateTimeZone('UTC'))->format('Y-m-d H:i:s');
    $meta += [
        '_EventStartDate' => $start, '_EventEndDate' => $end, '_EventStartDateUTC' => $utc($start), '_EventEndDateUTC' => $utc($end),
        '_EventTimezone' => $zone, '_EventTimezoneAbbr' => (new DateTime($start, new DateTimeZone($zone)))->format('T'),
        '_EventDuration' => (string) (strtotime($end) - strtotime($start)), '_EventCost' => '',
    ];
    foreach ($meta as $key => $value) update_post_meta($id, $key, $value);
    return $id;
}
event(['post_title' => 'Annual cluster meeting 2024', 'post_name' => 'annual-meeting-2024', 'post_date' => '2024-08-01 10:30:00',
    'post_content' => "A day for the member projects: results of the year, a panel on permitting, and the plan for 2025.\n\nLunch is served in the hall."],
    '2024-11-19 09:30:00', '2024-11-19 17:00:00', 'Europe/Brussels', ['_EventVenueID' => (string) $venue, '_EventShowMap' => '1']);
$webinar = event(['post_title' => 'Webinar: lithium from geothermal brines', 'post_name' => 'webinar-geothermal-lithium', 'post_date' => '2025-01-15 09:00:00',
    'post_content' => 'Two projects compare direct lithium extraction sorbents tested on brines from the Upper Rhine Graben.'],
    '2025-02-11 14:00:00', '2025-02-11 15:30:00', 'Europe/Berlin', ['_EventURL' => 'https://www.battery-materials-cluster.example/webinars/']);
wp_set_object_terms($webinar, [$webinars], 'tribe_events_cat');

ob_start();
export_wp(['content' => 'all']);
file_put_contents($output, ob_get_clean());
fwrite(STDOUT, 'Exported ' . wp_count_posts('post')->publish . ' published posts, ' . wp_count_posts('page')->publish . " pages, 2 events.\n");
