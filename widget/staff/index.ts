// The staff bundle (dist/staff/staff.js): sign-in, console, concern inbox and kitchen-table mode.
// The step renderer and advice plan are the resident widget's own elements, imported, not copied.
export { VwStaffApp } from './vw-staff-app.js';
export { VwStaffConsole } from './vw-staff-console.js';
export { VwStaffInbox } from './vw-staff-inbox.js';
export { VwStaffLogin } from './vw-staff-login.js';
export { VwStaffSession } from './vw-staff-session.js';
export { VwCoachApp } from './vw-coach-app.js';
