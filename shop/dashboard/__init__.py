"""Oscar's dashboard, forked where we change it, and the pages we add to it: the producer
portal (producer/), the province officers' pages (province/), the public producer sign-up
and the staff's audit trail. Who may open what is decided by catalog.permissions; these
views only ask it, call catalog.services or shop's services, and present."""
