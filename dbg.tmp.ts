import { stressFaults } from './bench/stress';
const r = await stressFaults(3);
console.log(r.books.problems, r.lost.length);
